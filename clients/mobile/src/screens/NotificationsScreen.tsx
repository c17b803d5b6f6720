import type { NotificationFieldsFragment } from '@supergraph/client-core';
import { useState } from 'react';
import { ActivityIndicator, FlatList, Pressable, RefreshControl, StyleSheet, Text, View } from 'react-native';
import { useInbox, useMarkRead } from '../data/useNotifications';
import { useNavigation } from '../navigation';
import { colors, common } from '../ui/theme';

export function NotificationsScreen() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const { notifications, hasMore, loading, error, loadMore, refresh } = useInbox(unreadOnly);
  return (
    <View style={common.screen} testID="notifications-screen">
      <View style={[common.row, { paddingRight: 16 }]}>
        <Text style={common.title}>Notifications</Text>
        <View style={styles.filter} accessibilityRole="radiogroup">
          <FilterChip label="All" testID="notifications-all" selected={!unreadOnly} onPress={() => setUnreadOnly(false)} />
          <FilterChip label="Unread" testID="notifications-unread" selected={unreadOnly} onPress={() => setUnreadOnly(true)} />
        </View>
      </View>
      {error && <Text style={common.error}>{error.message}</Text>}
      <FlatList
        data={notifications}
        keyExtractor={(notification) => notification.id}
        refreshControl={<RefreshControl refreshing={loading && notifications.length === 0} onRefresh={refresh} />}
        onEndReached={loadMore}
        onEndReachedThreshold={0.5}
        ListFooterComponent={hasMore ? <ActivityIndicator style={{ padding: 16 }} /> : null}
        ListEmptyComponent={loading ? null : <Text style={[common.muted, { padding: 16 }]}>{unreadOnly ? 'Nothing unread.' : 'No notifications yet.'}</Text>}
        renderItem={({ item }) => <NotificationRow notification={item} />}
      />
    </View>
  );
}

/** Tapping marks it read; an order's notification also links to the order. */
function NotificationRow({ notification }: { notification: NotificationFieldsFragment }) {
  const markRead = useMarkRead();
  const { navigate } = useNavigation();
  const { order } = notification;
  return (
    <Pressable
      testID={`notification-${notification.id}`}
      accessibilityRole="button"
      accessibilityState={{ selected: !notification.read }}
      accessibilityLabel={`${notification.read ? '' : 'Unread: '}${notification.title}`}
      style={[common.card, !notification.read && styles.unreadCard]}
      onPress={() => markRead(notification)}
    >
      <View style={common.row}>
        <Text style={[common.body, { flex: 1 }, !notification.read && styles.unreadTitle]}>{notification.title}</Text>
        {!notification.read && <View testID="notification-unread-dot" style={styles.dot} />}
      </View>
      <Text style={common.body}>{notification.body}</Text>
      <View style={[common.row, { marginTop: 6 }]}>
        <Text style={common.muted}>{new Date(notification.createdAt).toLocaleString()}</Text>
        {order && (
          <Pressable testID={`notification-order-${notification.id}`} accessibilityRole="link" hitSlop={8} onPress={() => navigate({ name: 'order', orderId: order.id })}>
            <Text style={styles.link}>View order ›</Text>
          </Pressable>
        )}
      </View>
    </Pressable>
  );
}

function FilterChip({ label, selected, onPress, testID }: { label: string; selected: boolean; onPress: () => void; testID: string }) {
  return (
    <Pressable testID={testID} accessibilityRole="radio" accessibilityState={{ checked: selected }} style={[styles.chip, selected && styles.chipSelected]} onPress={onPress}>
      <Text style={[styles.chipLabel, selected && styles.chipLabelSelected]}>{label}</Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  filter: { flexDirection: 'row', gap: 6, paddingTop: 8 },
  chip: { paddingHorizontal: 12, paddingVertical: 6, borderRadius: 16, borderWidth: 1, borderColor: colors.border, backgroundColor: colors.card },
  chipSelected: { backgroundColor: colors.accent, borderColor: colors.accent },
  chipLabel: { fontSize: 14, color: colors.text },
  chipLabelSelected: { color: '#fff', fontWeight: '600' },
  unreadCard: { borderColor: colors.accent, borderWidth: 1 },
  unreadTitle: { fontWeight: '700' },
  dot: { width: 10, height: 10, borderRadius: 5, backgroundColor: colors.accent, marginLeft: 8 },
  link: { fontSize: 14, color: colors.accent, fontWeight: '600' },
});
