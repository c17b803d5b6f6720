import type { PresenceFieldsFragment } from '@supergraph/client-core';

/** A user's status as a coloured dot with its name for screen readers and tests. */
export function PresenceDot({ presence }: { presence: PresenceFieldsFragment | null | undefined }) {
  const status = presence?.status ?? 'OFFLINE';
  return <span className={`presence presence-${status}`} title={status} aria-label={status} data-testid="presence" data-status={status} />;
}
