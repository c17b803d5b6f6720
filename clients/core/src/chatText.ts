import type { PresenceFieldsFragment, RoomSummaryFragment } from './gql/graphql';

/** "online", "away", or when they were last seen. */
export function presenceText(presence: PresenceFieldsFragment | null | undefined): string {
  if (presence?.status === 'ONLINE') return 'online';
  if (presence?.status === 'AWAY') return 'away';
  return presence?.lastSeenAt ? `last seen ${new Date(presence.lastSeenAt).toLocaleString()}` : 'offline';
}

/** Everyone in the room but the viewer. */
export const others = (room: RoomSummaryFragment, viewerId: string) => room.participants.filter((user) => user.id !== viewerId);

/** A GROUP's name, or the other person of a DIRECT room. */
export const roomTitle = (room: RoomSummaryFragment, viewerId: string) =>
  room.name ??
  (others(room, viewerId)
    .map((user) => user.name)
    .join(', ') ||
    'Just you');
