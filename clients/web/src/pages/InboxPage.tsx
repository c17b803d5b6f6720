import { useMutation, useQuery } from '@apollo/client/react';
import { MarkNotificationReadDocument, NotificationsDocument, UnreadCountsDocument, type NotificationFieldsFragment } from '@supergraph/client-core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage, Loading } from '../components/Status';

/** The viewer's notifications, newest first (new ones join at the top as they come). */
export function InboxPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const { data, loading, error, fetchMore, refetch } = useQuery(NotificationsDocument, { variables: { unreadOnly }, fetchPolicy: 'cache-and-network', notifyOnNetworkStatusChange: true });
  const inbox = data?.notifications;
  // Read while this filter is on: still listed (until the next visit) so the page does not jump, but shown read.
  const shown = inbox?.edges.map((edge) => edge.node) ?? [];

  return (
    <section className="card inbox">
      <h1>Notifications</h1>
      <label className="check">
        <input type="checkbox" checked={unreadOnly} onChange={(event) => setUnreadOnly(event.target.checked)} /> Unread only
      </label>
      {error && <ErrorMessage error={error} retry={() => void refetch()} />}
      {!inbox && !error && <Loading what="Loading your notifications" />}
      {inbox && shown.length === 0 && <p className="empty">{unreadOnly ? 'Nothing unread.' : 'No notifications yet. They come with your orders and deliveries.'}</p>}
      <ul className="notifications">
        {shown.map((notification) => (
          <NotificationItem key={notification.id} notification={notification} />
        ))}
      </ul>
      {loading && inbox && <Loading what="Loading notifications" />}
      {inbox?.pageInfo.hasNextPage && !loading && (
        <button type="button" className="more" onClick={() => void fetchMore({ variables: { after: inbox.pageInfo.endCursor } })}>
          Load more
        </button>
      )}
    </section>
  );
}

function NotificationItem({ notification }: { notification: NotificationFieldsFragment }) {
  const [markRead, marking] = useMutation(MarkNotificationReadDocument, { variables: { id: notification.id }, refetchQueries: [UnreadCountsDocument] });
  return (
    <li className={notification.read ? 'notification' : 'notification unread'} data-testid="notification">
      <div>
        <strong>{notification.title}</strong>
        <p>{notification.body}</p>
        <span className="muted">
          {new Date(notification.createdAt).toLocaleString()}
          {notification.order && (
            <>
              {' · '}
              <Link to={`/orders/${notification.order.id}`}>View order</Link>
            </>
          )}
        </span>
        {marking.error && <ErrorMessage error={marking.error} />}
      </div>
      {!notification.read && (
        <button type="button" disabled={marking.loading} onClick={() => void markRead().catch(() => undefined)}>
          Mark read
        </button>
      )}
    </li>
  );
}
