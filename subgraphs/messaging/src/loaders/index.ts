import DataLoader from 'dataloader';
import { byKeys, groupByKeys, isUuid } from '@supergraph/service-kit';
import { In, type DataSource } from 'typeorm';
import { KnownUser } from '../entities/KnownUser';
import { Message } from '../entities/Message';
import { Notification } from '../entities/Notification';
import { Reaction } from '../entities/Reaction';
import { Room } from '../entities/Room';
import { RoomMember } from '../entities/RoomMember';
import { pagesLoader } from './pages';
import { MESSAGE_COLUMNS, NOTIFICATION_COLUMNS, toMessage, toNotification } from './rows';

// A malformed id cannot exist; leaving it out keeps it from reaching SQL as a cast error.
const uuids = (keys: readonly string[]) => keys.filter(isUuid);

/**
 * Per-request loaders (created in `createContext`): what one operation asks for N times costs one
 * query. `viewerId` is the caller, for what depends on who asks (unread counts).
 */
export function createLoaders(dataSource: DataSource, viewerId: string | null) {
  const loaders = {
    roomById: new DataLoader<string, Room | null>(async (ids) => {
      const valid = uuids(ids);
      return byKeys(ids, valid.length ? await dataSource.getRepository(Room).findBy({ id: In(valid) }) : [], (row) => row.id);
    }),
    /** Participants of many rooms, in the order they joined. */
    membersByRoom: new DataLoader<string, RoomMember[]>(async (roomIds) => {
      const valid = uuids(roomIds);
      const rows = valid.length ? await dataSource.getRepository(RoomMember).find({ where: { roomId: In(valid) }, order: { joinedAt: 'ASC', userId: 'ASC' } }) : [];
      return groupByKeys(roomIds, rows, (row) => row.roomId);
    }),
    /** `Room.lastMessage` for a page of rooms: one query (DISTINCT ON, newest per room). */
    lastMessageByRoom: new DataLoader<string, Message | null>(async (roomIds) => {
      const rows: Record<string, unknown>[] = await dataSource.query(`SELECT DISTINCT ON (room_id) ${MESSAGE_COLUMNS} FROM message WHERE room_id = ANY($1::uuid[]) ORDER BY room_id, seq DESC`, [
        uuids(roomIds),
      ]);
      return byKeys(roomIds, rows.map(toMessage), (m) => m.roomId);
    }),
    /** `Room.unreadCount` for the viewer: others' messages past their read mark, one query for N rooms. */
    unreadByRoom: new DataLoader<string, number>(async (roomIds) => {
      if (!viewerId) return roomIds.map(() => 0);
      const rows: { room_id: string; n: string }[] = await dataSource.query(
        `SELECT m.room_id, count(*) AS n FROM room_member rm JOIN message m ON m.room_id = rm.room_id AND m.seq > rm.last_read_seq AND m.sender_id <> rm.user_id
         WHERE rm.user_id = $1 AND rm.room_id = ANY($2::uuid[]) GROUP BY m.room_id`,
        [viewerId, uuids(roomIds)],
      );
      const counts = new Map(rows.map((r) => [r.room_id, Number(r.n)]));
      return roomIds.map((id) => counts.get(id) ?? 0);
    }),
    messageById: new DataLoader<string, Message | null>(async (ids) => {
      const valid = uuids(ids);
      return byKeys(ids, valid.length ? await dataSource.getRepository(Message).findBy({ id: In(valid) }) : [], (row) => row.id);
    }),
    reactionsByMessage: new DataLoader<string, Reaction[]>(async (messageIds) => {
      const valid = uuids(messageIds);
      const rows = valid.length ? await dataSource.getRepository(Reaction).find({ where: { messageId: In(valid) }, order: { createdAt: 'ASC', userId: 'ASC' } }) : [];
      return groupByKeys(messageIds, rows, (row) => row.messageId);
    }),
    messagePages: pagesLoader(dataSource, { table: 'message', owner: 'room_id', ownerType: 'uuid', columns: MESSAGE_COLUMNS }, toMessage),
    notificationPages: pagesLoader(dataSource, { table: 'notification', owner: 'user_id', ownerType: 'text', columns: NOTIFICATION_COLUMNS, unreadFilter: 'read_at IS NULL' }, toNotification),
    notificationById: new DataLoader<string, Notification | null>(async (ids) => {
      const valid = uuids(ids);
      return byKeys(ids, valid.length ? await dataSource.getRepository(Notification).findBy({ id: In(valid) }) : [], (row) => row.id);
    }),
    unreadNotificationsByUser: new DataLoader<string, number>(async (userIds) => {
      const rows: { user_id: string; n: string }[] = await dataSource.query(`SELECT user_id, count(*) AS n FROM notification WHERE user_id = ANY($1::text[]) AND read_at IS NULL GROUP BY user_id`, [
        [...userIds],
      ]);
      const counts = new Map(rows.map((r) => [r.user_id, Number(r.n)]));
      return userIds.map((id) => counts.get(id) ?? 0);
    }),
    /** Which of these users share a room with the viewer (who may see their presence): one query. */
    sharesRoomWithViewer: new DataLoader<string, boolean>(async (userIds) => {
      if (!viewerId) return userIds.map(() => false);
      const rows: { user_id: string }[] = await dataSource.query(
        `SELECT DISTINCT them.user_id FROM room_member me JOIN room_member them ON them.room_id = me.room_id WHERE me.user_id = $1 AND them.user_id = ANY($2::text[])`,
        [viewerId, [...userIds]],
      );
      const shared = new Set(rows.map((r) => r.user_id));
      return userIds.map((id) => shared.has(id));
    }),
    knownUser: new DataLoader<string, KnownUser | null>(async (ids) => byKeys(ids, await dataSource.getRepository(KnownUser).findBy({ userId: In([...ids]) }), (row) => row.userId)),
    /** Forgets everything loaded: a subscription's context lives across events and must not answer from an earlier one. */
    clearAll() {
      for (const loader of Object.values(loaders)) if (loader instanceof DataLoader) loader.clearAll();
    },
  };
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;
