import type { Viewer } from '@supergraph/auth';
import { badUserInput } from '@supergraph/errors';
import { decodeCursor, inTransaction, isUuid, pageSize, type SubgraphRuntime } from '@supergraph/service-kit';
import { In } from 'typeorm';
import { KnownUser } from '../entities/KnownUser';
import { Room, type RoomType } from '../entities/Room';
import { RoomMember } from '../entities/RoomMember';
import type { Loaders } from '../loaders';
import { userReference } from '../views';
import { isParticipant, requireParticipant, requireViewer } from './access';
import { connectionOf, seqOfCursor } from './connections';
import { requireLabel } from './content';

/** Everyone in a GROUP room, the creator included. */
export const MAX_PARTICIPANTS = 100;

/** A just-registered user reaches messaging's read model an instant after users saved them: wait that long, no longer. */
const USER_WAIT_MS = 1000;

export interface CreateRoomInput {
  type: RoomType;
  name?: string | null;
  participantIds: readonly string[];
}

/** Rooms: creating them, listing the viewer's, their participants, read marks and unread counts. */
export class RoomService {
  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly loaders: Loaders,
    private readonly viewer: Viewer | null,
  ) {}

  /** `room(id)`: null for a room the viewer is not in, as for one that does not exist. */
  async byId(id: string): Promise<Room | null> {
    requireViewer(this.viewer);
    if (!isUuid(id)) throw badUserInput('id is not a room id', 'id');
    return this.readable(id);
  }

  async readable(id: string): Promise<Room | null> {
    if (!this.viewer) return null;
    const room = await this.loaders.roomById.load(id);
    return room && (await isParticipant(this.loaders, this.viewer.userId, id)) ? room : null;
  }

  /** The viewer's rooms, newest first. */
  async list(first: number | null | undefined, after: string | null | undefined) {
    const viewer = requireViewer(this.viewer);
    const size = pageSize(first);
    const query = this.runtime.dataSource
      .getRepository(Room)
      .createQueryBuilder('r')
      .innerJoin(RoomMember, 'rm', 'rm.room_id = r.id AND rm.user_id = :userId', { userId: viewer.userId })
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC');
    const totalCount = await query.clone().getCount();
    if (after) {
      const [at, id] = decodeCursor(after);
      if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) throw badUserInput('Cursor is not valid', 'after');
      query.andWhere('(r.created_at, r.id) < (:at, :id)', { at, id });
    }
    const rows = await query.take(size + 1).getMany();
    for (const room of rows) this.loaders.roomById.prime(room.id, room);
    return connectionOf(rows.slice(0, size), (r) => r.createdAt.toISOString(), rows.length > size, totalCount);
  }

  /** A DIRECT room between the same two users exists once: the unique direct_key decides between racing calls. */
  async create(input: CreateRoomInput): Promise<Room> {
    const viewer = requireViewer(this.viewer);
    if (input.type !== 'DIRECT' && input.type !== 'GROUP') throw badUserInput('Unknown room type', 'input.type');
    const others = [...new Set(input.participantIds)].filter((id) => id !== viewer.userId);
    if (input.participantIds.some((id) => !isUuid(id))) throw badUserInput('participantIds holds an id that is not a user id', 'input.participantIds');
    let name: string | null = null;
    if (input.type === 'DIRECT') {
      if (others.length !== 1 || input.participantIds.length !== 1) throw badUserInput('A DIRECT room has exactly one other participant', 'input.participantIds');
      if (input.name != null) throw badUserInput('A DIRECT room has no name', 'input.name');
    } else {
      if (others.length < 1 || others.length > MAX_PARTICIPANTS - 1) throw badUserInput(`A GROUP room has 1 to ${MAX_PARTICIPANTS - 1} other participants`, 'input.participantIds');
      name = requireLabel(input.name ?? '', 'input.name', 100);
    }
    await this.requireKnownUsers(others);
    const members = [viewer.userId, ...others];
    const directKey = input.type === 'DIRECT' ? [...members].sort().join(':') : null;
    const room = await inTransaction(this.runtime.dataSource, async (manager) => {
      const inserted = await manager.createQueryBuilder().insert().into(Room).values({ type: input.type, name, directKey, createdBy: viewer.userId }).orIgnore().returning('id').execute();
      const id = (inserted.raw as { id: string }[])[0]?.id;
      if (!id) return manager.findOneByOrFail(Room, { directKey: directKey! });
      await manager.insert(
        RoomMember,
        members.map((userId) => ({ roomId: id, userId, lastReadSeq: 0 })),
      );
      return manager.findOneByOrFail(Room, { id });
    });
    this.loaders.clearAll();
    return room;
  }

  /** Everything in the room is read by the viewer now. */
  async markRead(roomId: string): Promise<Room> {
    const viewer = requireViewer(this.viewer);
    const room = await requireParticipant(this.loaders, viewer, roomId, 'roomId');
    await this.runtime.dataSource.query(
      `UPDATE room_member SET last_read_seq = GREATEST(last_read_seq, COALESCE((SELECT max(seq) FROM message WHERE room_id = $1), 0)) WHERE room_id = $1 AND user_id = $2`,
      [roomId, viewer.userId],
    );
    this.loaders.clearAll();
    return room;
  }

  async participants(room: Room) {
    return (await this.loaders.membersByRoom.load(room.id)).map((m) => userReference(m.userId));
  }

  unreadCount(room: Room) {
    return this.loaders.unreadByRoom.load(room.id);
  }

  async messages(room: Room, first: number | null | undefined, after: string | null | undefined) {
    const page = await this.loaders.messagePages.load({ ownerId: room.id, first: pageSize(first), beforeSeq: seqOfCursor(after) });
    for (const message of page.rows) this.loaders.messageById.prime(message.id, message);
    return connectionOf(page.rows, (m) => m.seq, page.hasNextPage, page.totalCount);
  }

  /** Others' unread messages in all the viewer's rooms. */
  async unreadTotal(): Promise<number> {
    const viewer = requireViewer(this.viewer);
    const [{ n }] = await this.runtime.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM room_member rm JOIN message m ON m.room_id = rm.room_id AND m.seq > rm.last_read_seq AND m.sender_id <> rm.user_id WHERE rm.user_id = $1`,
      [viewer.userId],
    );
    return Number(n);
  }

  private async requireKnownUsers(ids: string[]) {
    const deadline = Date.now() + USER_WAIT_MS;
    for (;;) {
      const known = await this.runtime.dataSource.getRepository(KnownUser).countBy({ userId: In(ids) });
      if (known === ids.length) return;
      if (Date.now() >= deadline) throw badUserInput('participantIds holds an unknown user', 'input.participantIds');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
