import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import {
  addMessageToRoom,
  MarkRoomReadDocument,
  MessageAddedDocument,
  MessageUpdatedDocument,
  others,
  presenceText,
  RoomDocument,
  RoomReadStateDocument,
  roomTitle,
  typingText,
  UnreadCountsDocument,
  useTypingNames,
} from '@supergraph/client-core';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { Composer } from '../chat/Composer';
import { MessageItem } from '../chat/MessageItem';
import { PresenceDot } from '../chat/presence';
import { useVisible } from '../chat/useVisible';
import { ErrorMessage, Loading } from '../components/Status';
import { useAppSession } from '../session';

// The API announces no read marks: who has read the newest message is asked again this often.
const READ_STATE_POLL_MS = 5_000;

export function RoomPage() {
  const { id = '' } = useParams();
  // A new room starts afresh (typing names, scroll position).
  return <Room key={id} roomId={id} />;
}

function Room({ roomId }: { roomId: string }) {
  const viewerId = useAppSession().state?.user.id ?? '';
  const visible = useVisible();
  const { data, loading, error, fetchMore, refetch } = useQuery(RoomDocument, { variables: { id: roomId }, notifyOnNetworkStatusChange: true });
  useSubscription(MessageAddedDocument, {
    variables: { roomId },
    onData: ({ client, data: event }) => {
      if (event.data) addMessageToRoom(client.cache, event.data.messageAdded);
    },
  });
  useSubscription(MessageUpdatedDocument, { variables: { roomId } });
  useQuery(RoomReadStateDocument, { variables: { id: roomId }, pollInterval: READ_STATE_POLL_MS, skip: !data?.room });
  const typingNames = useTypingNames(roomId, viewerId);
  const [markRead] = useMutation(MarkRoomReadDocument, { variables: { roomId }, refetchQueries: [UnreadCountsDocument] });

  const room = data?.room;
  const last = room?.lastMessage;
  // Read what is on screen: anything unread, or a message of someone else not marked read by the viewer yet.
  const unread = Boolean(room && (room.unreadCount > 0 || (last && last.sender?.id !== viewerId && !last.readBy.some((user) => user.id === viewerId))));
  useEffect(() => {
    if (unread && visible) void markRead().catch(() => undefined);
  }, [unread, visible, last?.id, markRead]);

  const messages = room?.messages.edges.map((edge) => edge.node).reverse() ?? [];
  const newestId = messages.at(-1)?.id;
  const list = useRef<HTMLOListElement>(null);
  // Newest at the bottom: follow it as messages come (loading older ones keeps the newest in place).
  useLayoutEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [newestId]);

  if (error && !room) return <ErrorMessage error={error} retry={() => void refetch()} />;
  if (!data) return <Loading what="Loading the conversation" />;
  if (!room)
    return (
      <p className="empty">
        No such conversation. <Link to="/chat">Back to your conversations</Link>
      </p>
    );
  const mineLast = last && last.sender?.id === viewerId ? last : undefined;

  return (
    <section className="card room">
      <Link to="/chat">← Conversations</Link>
      <h1>{roomTitle(room, viewerId)}</h1>
      <ul className="participants">
        {others(room, viewerId).map((user) => (
          <li key={user.id} data-testid="participant">
            <PresenceDot presence={user.presence} /> {user.name} <span className="muted">{presenceText(user.presence)}</span>
          </li>
        ))}
      </ul>
      {room.messages.pageInfo.hasNextPage && (
        <button type="button" className="more" disabled={loading} onClick={() => void fetchMore({ variables: { after: room.messages.pageInfo.endCursor } })}>
          {loading ? 'Loading…' : 'Load older messages'}
        </button>
      )}
      {messages.length === 0 ? (
        <p className="empty">No messages yet. Say hello!</p>
      ) : (
        <ol className="messages" ref={list} data-testid="messages">
          {messages.map((message) => (
            <MessageItem key={message.id} message={message} mine={message.sender?.id === viewerId} />
          ))}
        </ol>
      )}
      {mineLast && (
        <p className="muted read-state" data-testid="read-state">
          {mineLast.readBy.length > 0 ? `Seen by ${mineLast.readBy.map((user) => user.name).join(', ')}` : 'Sent'}
        </p>
      )}
      <p className="typing" data-testid="typing" aria-live="polite">
        {typingText(typingNames)}
      </p>
      <Composer roomId={roomId} />
    </section>
  );
}
