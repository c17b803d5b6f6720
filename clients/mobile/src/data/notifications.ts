// The inbox in Apollo's cache, without React: what a live notification and a tap change there.
// The screens and the tab badge read the cache only, so both follow from these two functions.
import type { ApolloCache, ApolloClient, Reference } from '@apollo/client';
import { MarkNotificationReadDocument, NotificationFieldsFragmentDoc, UnreadNotificationCountDocument, type NotificationFieldsFragment } from '@supergraph/client-core';

interface StoredConnection {
  edges: { cursor: string; node: Reference }[];
  totalCount?: number;
}

/**
 * A notification from `notificationAdded`: put at the top of every inbox list the cache holds (all
 * and unread only: a new one is unread) and counted as unread. One a cached list already has (a
 * refetch brought it first, a resubscription told it again) changes nothing, so it is never counted
 * twice. Apollo has stored the entity itself by then; this is about the lists and the count.
 */
export function addNotification(cache: ApolloCache, notification: NotificationFieldsFragment): boolean {
  const node = cache.writeFragment({ fragment: NotificationFieldsFragmentDoc, data: notification });
  if (!node) return false;
  let listed = false;
  cache.modify<{ notifications: StoredConnection }>({
    fields: {
      notifications: (existing, { readField }) => {
        if (!('edges' in existing)) return existing;
        if (existing.edges.some((edge) => readField('id', edge.node) === notification.id)) {
          listed = true;
          return existing;
        }
        // The server's cursors are opaque; an empty one is never used for paging (pageInfo.endCursor is).
        const edge = { __typename: 'NotificationEdge', cursor: '', node };
        return { ...existing, edges: [edge, ...existing.edges], totalCount: existing.totalCount === undefined ? undefined : existing.totalCount + 1 };
      },
    },
  });
  if (listed) return false;
  changeUnreadCount(cache, 1);
  return true;
}

/**
 * Tapped: shown read and counted off at once (the optimistic layer), then as the server has it; a
 * watched unread count is read again, since other devices may have marked some too.
 */
export async function markRead(client: ApolloClient, notification: NotificationFieldsFragment): Promise<void> {
  if (notification.read) return;
  await client.mutate({
    mutation: MarkNotificationReadDocument,
    variables: { id: notification.id },
    optimisticResponse: { markNotificationRead: { ...notification, read: true, readAt: new Date().toISOString() } },
    update: (cache) => changeUnreadCount(cache, -1),
    refetchQueries: [UnreadNotificationCountDocument],
    awaitRefetchQueries: true,
  });
}

function changeUnreadCount(cache: ApolloCache, by: number) {
  const unread = cache.readQuery({ query: UnreadNotificationCountDocument });
  if (unread?.me) cache.writeQuery({ query: UnreadNotificationCountDocument, data: { ...unread, me: { ...unread.me, unreadNotificationCount: Math.max(0, unread.me.unreadNotificationCount + by) } } });
}
