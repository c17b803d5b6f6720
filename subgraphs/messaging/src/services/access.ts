import { hasRole, type Viewer } from '@supergraph/auth';
import { badUserInput, forbidden, notFound, unauthenticated } from '@supergraph/errors';
import { isUuid } from '@supergraph/service-kit';
import type { Room } from '../entities/Room';
import type { Loaders } from '../loaders';

/** Who may do what in messaging, in one place. Rooms are private to their participants, admins included. */

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

export const isAdmin = (viewer: Viewer | null) => hasRole(viewer, 'ADMIN');

/** A user's inbox and counts: the user themself and admins. */
export function requireSelfOrAdmin(viewer: Viewer | null, userId: string): Viewer {
  const signedIn = requireViewer(viewer);
  if (signedIn.userId !== userId && !isAdmin(signedIn)) throw forbidden("Only the user themself and admins may read a user's notifications");
  return signedIn;
}

export async function isParticipant(loaders: Loaders, userId: string, roomId: string): Promise<boolean> {
  return (await loaders.membersByRoom.load(roomId)).some((m) => m.userId === userId);
}

/**
 * The room, if the viewer is in it. A stranger gets NOT_FOUND, the answer for a room that does not
 * exist, so that nobody learns which rooms exist (and admins read no one's conversations).
 */
export async function requireParticipant(loaders: Loaders, viewer: Viewer | null, roomId: string, field: string): Promise<Room> {
  const signedIn = requireViewer(viewer);
  if (!isUuid(roomId)) throw badUserInput(`${field} is not a room id`, field);
  const room = await loaders.roomById.load(roomId);
  if (!room || !(await isParticipant(loaders, signedIn.userId, roomId))) throw notFound('Room not found', { [field]: roomId });
  return room;
}

/** Presence is seen by the user, admins, and anyone who shares a room with them. */
export async function canSeePresence(loaders: Loaders, viewer: Viewer | null, userId: string): Promise<boolean> {
  if (!viewer) return false;
  return viewer.userId === userId || isAdmin(viewer) || loaders.sharesRoomWithViewer.load(userId);
}
