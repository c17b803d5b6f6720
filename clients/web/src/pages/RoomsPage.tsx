import { useQuery } from '@apollo/client/react';
import { others, RoomsDocument, roomTitle } from '@supergraph/client-core';
import { Link } from 'react-router';
import { PresenceDot } from '../chat/presence';
import { ErrorMessage, Loading } from '../components/Status';
import { useAppSession } from '../session';

/** The viewer's rooms, newest first, with their last message and unread count (live through ChatLive). */
export function RoomsPage() {
  const viewerId = useAppSession().state?.user.id ?? '';
  const { data, loading, error, fetchMore, refetch } = useQuery(RoomsDocument, { fetchPolicy: 'cache-and-network', notifyOnNetworkStatusChange: true });
  const rooms = data?.rooms;

  if (error && !rooms) return <ErrorMessage error={error} retry={() => void refetch()} />;
  if (!rooms) return <Loading what="Loading your conversations" />;
  if (rooms.edges.length === 0) return <p className="empty">No conversations yet. You can message your courier from an order.</p>;
  return (
    <section className="card">
      <h1>Chat</h1>
      <ul className="rooms">
        {rooms.edges.map(({ node: room }) => {
          const direct = room.type === 'DIRECT' ? others(room, viewerId)[0] : undefined;
          return (
            <li key={room.id} data-testid="room">
              <Link to={`/chat/${room.id}`} className="room-link">
                {direct && <PresenceDot presence={direct.presence} />}
                <span className="room-title">{roomTitle(room, viewerId)}</span>
                {room.unreadCount > 0 && (
                  <span className="badge" data-testid="room-unread">
                    {room.unreadCount}
                  </span>
                )}
              </Link>
              <p className="muted last-message">
                {room.lastMessage ? `${room.lastMessage.sender?.id === viewerId ? 'You' : (room.lastMessage.sender?.name ?? 'Someone')}: ${room.lastMessage.content}` : 'No messages yet'}
              </p>
            </li>
          );
        })}
      </ul>
      {loading && <Loading what="Loading conversations" />}
      {rooms.pageInfo.hasNextPage && !loading && (
        <button type="button" className="more" onClick={() => void fetchMore({ variables: { after: rooms.pageInfo.endCursor } })}>
          Load more
        </button>
      )}
    </section>
  );
}
