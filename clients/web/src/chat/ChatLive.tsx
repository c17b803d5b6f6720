import { useQuery, useSubscription } from '@apollo/client/react';
import { addMessageToRoom, MessageAddedDocument, PresenceChangedDocument, RoomsDocument } from '@supergraph/client-core';
import { useMatch } from 'react-router';

// Subscriptions per tab stay bounded: the newest rooms, and presence of at most 100 people (the API's limit).
const WATCHED_ROOMS = 20;
const WATCHED_USERS = 100;

/**
 * Keeps the rooms list, unread badges and presence dots live wherever the viewer is: new messages
 * of the newest rooms go into the cache (and count as unread unless that room is open), presence
 * changes of their participants update every dot (Presence is one cache entry per user).
 */
export function ChatLive({ viewerId }: { viewerId: string }) {
  const { data } = useQuery(RoomsDocument, { variables: { first: WATCHED_ROOMS } });
  const openRoomId = useMatch('/chat/:id')?.params.id;
  const rooms = data?.rooms.edges.map((edge) => edge.node) ?? [];
  const userIds = [...new Set(rooms.flatMap((room) => room.participants.map((user) => user.id)))]
    .filter((id) => id !== viewerId)
    .sort()
    .slice(0, WATCHED_USERS);
  useSubscription(PresenceChangedDocument, { variables: { userIds }, skip: userIds.length === 0 });
  return rooms.slice(0, WATCHED_ROOMS).map((room) => <RoomWatcher key={room.id} roomId={room.id} viewerId={viewerId} open={room.id === openRoomId} />);
}

function RoomWatcher({ roomId, viewerId, open }: { roomId: string; viewerId: string; open: boolean }) {
  useSubscription(MessageAddedDocument, {
    variables: { roomId },
    onData: ({ client, data }) => {
      const message = data.data?.messageAdded;
      if (!message) return;
      const isNew = addMessageToRoom(client.cache, message);
      // The open room's page marks it read; elsewhere another's message is one more unread (once).
      if (!isNew || open || message.sender?.id === viewerId) return;
      client.cache.modify({ id: client.cache.identify({ __typename: 'Room', id: roomId }), fields: { unreadCount: (count: number) => count + 1 } });
      client.cache.modify({ fields: { unreadMessageCount: (count: number) => count + 1 } });
    },
  });
  return null;
}
