// Messaging's own pub/sub channels (live updates between its instances). Topics are in @supergraph/contracts.
import type { PresenceStatus } from './views';

/** A new message of a room; the payload is the message as committed, so subscribers need not read it again. */
export const messageAddedChannel = (roomId: string) => `messaging.message.added.${roomId}`;
/** A message was edited or reacted to: subscribers re-read it. */
export const messageUpdatedChannel = (roomId: string) => `messaging.message.updated.${roomId}`;
export const typingChannel = (roomId: string) => `messaging.room.typing.${roomId}`;
export const presenceChannel = (userId: string) => `messaging.presence.changed.${userId}`;
export const notificationChannel = (userId: string) => `messaging.notification.added.${userId}`;

/** A message as it travels on pub/sub (dates as ISO strings). */
export interface MessagePayload {
  id: string;
  seq: number;
  roomId: string;
  senderId: string;
  content: string;
  clientMessageId: string | null;
  createdAt: string;
  editedAt: string | null;
}

export interface MessageUpdated {
  messageId: string;
}

export interface TypingPayload {
  userId: string;
  typing: boolean;
}

export interface PresenceChanged {
  userId: string;
  status: PresenceStatus;
  lastSeenAt: string | null;
}

export interface NotificationAdded {
  notificationId: string;
}
