import { useQuery, useSubscription } from '@apollo/client/react';
import { addNotification, NotificationAddedDocument, UnreadCountsDocument } from '@supergraph/client-core';
import { NavLink } from 'react-router';

/** The inbox and chat links with their unread counts, live: a new notification is counted as it comes. */
export function NotificationBell({ viewerId }: { viewerId: string }) {
  const { data } = useQuery(UnreadCountsDocument);
  useSubscription(NotificationAddedDocument, {
    onData: ({ client, data: event }) => {
      if (event.data) addNotification(client.cache, event.data.notificationAdded, viewerId);
    },
  });
  const notifications = data?.me?.unreadNotificationCount ?? 0;
  const messages = data?.unreadMessageCount ?? 0;
  return (
    <>
      <NavLink to="/chat">
        Chat{' '}
        {messages > 0 && (
          <span className="badge" data-testid="message-count">
            {messages}
          </span>
        )}
      </NavLink>
      <NavLink to="/inbox" className="bell" aria-label={`Notifications, ${notifications} unread`}>
        <span aria-hidden="true">🔔</span>{' '}
        <span className={notifications > 0 ? 'badge' : 'badge quiet'} data-testid="notification-count">
          {notifications}
        </span>
      </NavLink>
    </>
  );
}
