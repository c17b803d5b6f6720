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
        <BellIcon />{' '}
        <span className={notifications > 0 ? 'badge' : 'badge quiet'} data-testid="notification-count">
          {notifications}
        </span>
      </NavLink>
    </>
  );
}

// Drawn rather than an emoji: not every system has an emoji font (headless Chromium on Debian has none).
function BellIcon() {
  return (
    <svg className="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
      <path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6zm-2.5 15a2.5 2.5 0 0 0 5 0z" fill="currentColor" />
    </svg>
  );
}
