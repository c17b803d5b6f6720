// The inbox for the screens: the unread count with the live feed behind it (mounted once while
// signed in, for the tab badge), a page of the inbox with refresh and "load more", and mark read.
import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import { addNotification, NotificationAddedDocument, NotificationsDocument, UnreadCountsDocument, type NotificationFieldsFragment } from '@supergraph/client-core';
import { useCallback } from 'react';
import { useSession } from '../session/SessionProvider';
import { markRead } from './notifications';
import { useResumed } from './useResumed';

const PAGE = 20;

/**
 * The viewer's unread count, kept live by `notificationAdded`. Back in the foreground the socket is
 * restarted and the count and inbox read again: what arrived while suspended was not delivered.
 */
export function useLiveUnreadCount(): number {
  const client = useApolloClient();
  const { resumes, viewerId } = useViewer();
  const count = useQuery(UnreadCountsDocument, { fetchPolicy: 'cache-and-network' });
  const feed = useSubscription(NotificationAddedDocument, {
    onData: ({ client, data }) => {
      if (data.data) addNotification(client.cache, data.data.notificationAdded, viewerId);
    },
  });
  useResumed(resumes, () => {
    feed.restart();
    void client.refetchQueries({ include: [UnreadCountsDocument, NotificationsDocument] });
  });
  return count.data?.me?.unreadNotificationCount ?? 0;
}

export function useInbox(unreadOnly: boolean) {
  const query = useQuery(NotificationsDocument, { variables: { unreadOnly, first: PAGE }, fetchPolicy: 'cache-and-network', notifyOnNetworkStatusChange: true });
  const connection = query.data?.notifications;
  const { fetchMore, refetch } = query;
  const endCursor = connection?.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  const loadMore = useCallback(() => {
    if (endCursor) void fetchMore({ variables: { after: endCursor } }).catch(() => undefined);
  }, [endCursor, fetchMore]);
  const refresh = useCallback(() => void refetch().catch(() => undefined), [refetch]);
  return {
    notifications: connection?.edges.map((edge) => edge.node) ?? [],
    hasMore: Boolean(endCursor),
    loading: query.loading,
    error: query.error,
    loadMore,
    refresh,
  };
}

export function useMarkRead() {
  const client = useApolloClient();
  const { viewerId } = useViewer();
  return useCallback((notification: NotificationFieldsFragment) => void markRead(client, notification, viewerId).catch(() => undefined), [client, viewerId]);
}

/** These hooks run only while signed in (the tab bar and the screens are not shown otherwise). */
function useViewer() {
  const { state, resumes } = useSession();
  if (!state) throw new Error('notifications need a signed-in viewer');
  return { viewerId: state.user.id, resumes };
}
