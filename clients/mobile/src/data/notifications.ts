// Marking a notification read, in Apollo's cache and on the server, without React. Adding a live
// one is clients/core's `addNotification`; the screens and the tab badge read the cache only.
import type { ApolloCache, ApolloClient } from '@apollo/client';
import { MarkNotificationReadDocument, UnreadCountsDocument, type NotificationFieldsFragment } from '@supergraph/client-core';

/**
 * Tapped: shown read and counted off at once (the optimistic layer), then as the server has it; a
 * watched unread count is read again, since other devices may have marked some too.
 */
export async function markRead(client: ApolloClient, notification: NotificationFieldsFragment, viewerId: string): Promise<void> {
  if (notification.read) return;
  await client.mutate({
    mutation: MarkNotificationReadDocument,
    variables: { id: notification.id },
    optimisticResponse: { markNotificationRead: { ...notification, read: true, readAt: new Date().toISOString() } },
    update: (cache) => countOffOne(cache, viewerId),
    refetchQueries: [UnreadCountsDocument],
    awaitRefetchQueries: true,
  });
}

function countOffOne(cache: ApolloCache, viewerId: string) {
  cache.modify({ id: cache.identify({ __typename: 'User', id: viewerId }), fields: { unreadNotificationCount: (count: number) => Math.max(0, count - 1) } });
}
