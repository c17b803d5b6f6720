import type { PresenceFieldsFragment } from '@supergraph/client-core';
import { StyleSheet, View } from 'react-native';

const DOT = { ONLINE: '#1f8f4e', AWAY: '#b7791f', OFFLINE: '#b0b0b5' } as const;

/** A user's status as a coloured dot, named for screen readers and tests. */
export function PresenceDot({ presence }: { presence: PresenceFieldsFragment | null | undefined }) {
  const status = presence?.status ?? 'OFFLINE';
  return <View testID={`presence-${status}`} accessibilityLabel={status.toLowerCase()} style={[styles.dot, { backgroundColor: DOT[status] }]} />;
}

const styles = StyleSheet.create({ dot: { width: 10, height: 10, borderRadius: 5, marginRight: 8 } });
