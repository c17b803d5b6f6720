import { Message } from '../entities/Message';
import { Notification } from '../entities/Notification';

// Raw SQL (window functions) returns columns; these select them under the entities' property names.

export const MESSAGE_COLUMNS = `id, seq, room_id AS "roomId", sender_id AS "senderId", content, client_message_id AS "clientMessageId", created_at AS "createdAt", edited_at AS "editedAt"`;
export const NOTIFICATION_COLUMNS = `id, seq, user_id AS "userId", kind, title, body, order_id AS "orderId", dedupe_key AS "dedupeKey", read_at AS "readAt", created_at AS "createdAt"`;

/** bigint arrives as a string; seqs stay far below 2^53. */
export const toMessage = (row: Record<string, unknown>) => Object.assign(new Message(), row, { seq: Number(row.seq) });
export const toNotification = (row: Record<string, unknown>) => Object.assign(new Notification(), row, { seq: Number(row.seq) });
