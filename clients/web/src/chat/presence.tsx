import type { PresenceFieldsFragment, RoomSummaryFragment } from '@supergraph/client-core';

/** A user's status as a coloured dot with its name for screen readers and tests. */
export function PresenceDot({ presence }: { presence: PresenceFieldsFragment | null | undefined }) {
  const status = presence?.status ?? 'OFFLINE';
  return <span className={`presence presence-${status}`} title={status} aria-label={status} data-testid="presence" data-status={status} />;
}

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
