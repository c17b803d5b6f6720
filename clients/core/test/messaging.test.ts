import WebSocket from 'ws';
import {
  addMessageToRoom,
  addNotification,
  createApolloClient,
  createSession,
  memoryStorage,
  newClientMessageId,
  RoomDocument,
  UnreadCountsDocument,
  NotificationsDocument,
  PresenceChangedDocument,
} from '../src';

/**
 * The cache side of messaging, on the client's own cache and type policies (nothing is sent: the
 * client never reaches a network here): live messages and notifications join the cached pages
 * once, however many ways they arrive, and presence is one entry per user.
 */
const ROOM = 'room-1';
const ME = 'user-me';
const OTHER = { __typename: 'User' as const, id: 'user-other', name: 'Olga Other' };

const presence = (status: 'ONLINE' | 'OFFLINE') => ({ __typename: 'Presence' as const, user: { __typename: 'User' as const, id: OTHER.id }, status, lastSeenAt: null });
// Typed documents leave __typename out, but the cache needs it to know the entities: literals carry it.
const message = (id: string, createdAt: string, content = `message ${id}`) => ({
  __typename: 'Message' as const,
  id,
  content,
  createdAt,
  editedAt: null,
  clientMessageId: null,
  room: { __typename: 'Room' as const, id: ROOM },
  sender: OTHER,
  reactions: [],
  readBy: [],
});
const notification = (id: string) => ({
  __typename: 'Notification' as const,
  id,
  kind: 'ORDER_STATUS' as const,
  title: `n ${id}`,
  body: '',
  read: false,
  readAt: null,
  createdAt: '2026-01-05T09:00:00.000Z',
  order: null,
});

function cachedRoom() {
  const client = createApolloClient({
    httpUrl: 'http://127.0.0.1:9/graphql',
    wsUrl: 'ws://127.0.0.1:9/graphql',
    webSocketImpl: WebSocket,
    session: createSession({ storage: memoryStorage(), refresh: () => Promise.reject(new Error('no refresh here')) }),
  });
  const first = message('m1', '2026-01-05T09:00:00.000Z');
  const room = {
    __typename: 'Room',
    id: ROOM,
    type: 'DIRECT' as const,
    name: null,
    createdAt: first.createdAt,
    unreadCount: 0,
    participants: [{ ...OTHER, presence: presence('OFFLINE') }],
    lastMessage: first,
    messages: {
      __typename: 'MessageConnection',
      totalCount: 1,
      edges: [{ __typename: 'MessageEdge', cursor: 'c1', node: first }],
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c1' },
    },
  };
  client.writeQuery({ query: RoomDocument, variables: { id: ROOM }, data: { room } });
  const read = () => client.readQuery({ query: RoomDocument, variables: { id: ROOM } })!.room!;
  return { client, read };
}

describe('messaging in the client cache', () => {
  it('puts a live message first in its room once, and makes it the last message', () => {
    const { client, read } = cachedRoom();
    const second = message('m2', '2026-01-05T09:05:00.000Z');
    expect(addMessageToRoom(client.cache, second)).toBe(true);
    // The same message again (the sender's mutation result and the subscription, or two subscriptions): no second copy.
    expect(addMessageToRoom(client.cache, second)).toBe(false);
    expect(read().messages.edges.map((edge) => edge.node.id)).toEqual(['m2', 'm1']);
    expect(read().messages.totalCount).toBe(2);
    expect(read().lastMessage?.id).toBe('m2');
    // An older one arriving late does not displace the last message.
    addMessageToRoom(client.cache, message('m0', '2026-01-05T08:00:00.000Z'));
    expect(read().lastMessage?.id).toBe('m2');
    client.close();
  });

  it('keeps presence per user, so a presenceChanged result updates the participant', () => {
    const { client, read } = cachedRoom();
    // What PresenceChanged brings: its Presence, on its own.
    client.writeQuery({ query: PresenceChangedDocument, variables: { userIds: [OTHER.id] }, data: { presenceChanged: presence('ONLINE') } });
    expect(read().participants[0].presence?.status).toBe('ONLINE');
    client.close();
  });

  it('counts a live notification unread once and lists it first in every cached inbox', () => {
    const { client } = cachedRoom();
    const me = { __typename: 'User' as const, id: ME, unreadNotificationCount: 2 };
    client.writeQuery({ query: UnreadCountsDocument, data: { unreadMessageCount: 0, me } });
    const empty = { __typename: 'NotificationConnection' as const, totalCount: 0, edges: [], pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: null } };
    client.writeQuery({ query: NotificationsDocument, variables: { unreadOnly: true }, data: { notifications: empty } });
    client.writeQuery({ query: NotificationsDocument, variables: {}, data: { notifications: empty } });
    addNotification(client.cache, notification('n1'), ME);
    addNotification(client.cache, notification('n1'), ME);
    expect(client.readQuery({ query: UnreadCountsDocument })!.me!.unreadNotificationCount).toBe(3);
    for (const unreadOnly of [true, undefined]) {
      expect(client.readQuery({ query: NotificationsDocument, variables: { unreadOnly } })!.notifications.edges.map((edge) => edge.node.id)).toEqual(['n1']);
    }
    client.close();
  });

  it('makes a distinct client message id each time', () => {
    const ids = new Set(Array.from({ length: 1000 }, newClientMessageId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
  });
});
