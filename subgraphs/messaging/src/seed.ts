import type { SubgraphRuntime } from '@supergraph/service-kit';
import { KnownUser } from './entities/KnownUser';
import { Message } from './entities/Message';
import { Room } from './entities/Room';
import { RoomMember } from './entities/RoomMember';

/** The demo accounts of users' seed (their ids are fixed there). */
const ADMIN = '00000000-0000-4000-8000-000000000001';
const CUSTOMER = '00000000-0000-4000-8000-000000000002';
const COURIER = '00000000-0000-4000-8000-000000000003';
const ALICE = '00000000-0000-4000-8000-000000000008';
const BOB = '00000000-0000-4000-8000-000000000009';

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 5, 9, minutes));

/** Fixed ids, so that a restart (the seed runs at every start of the embedded default) adds nothing twice. */
export const DEMO_ROOMS = [
  {
    room: { id: '00000000-0000-4000-9000-000000000001', type: 'DIRECT' as const, name: null, directKey: [CUSTOMER, COURIER].sort().join(':'), createdBy: CUSTOMER, createdAt: at(0) },
    members: [CUSTOMER, COURIER],
    lines: [
      [CUSTOMER, 'Hi! Could you leave the parcel with the neighbour if I am out?'],
      [COURIER, 'Sure, number 3 or number 5?'],
      [CUSTOMER, 'Number 5, thank you!'],
    ],
  },
  {
    room: { id: '00000000-0000-4000-9000-000000000002', type: 'GROUP' as const, name: 'Book club', directKey: null, createdBy: ALICE, createdAt: at(10) },
    members: [ALICE, BOB, CUSTOMER],
    lines: [
      [ALICE, 'Next meeting on Thursday?'],
      [BOB, 'Works for me.'],
      [ALICE, 'Customer, are you in?'],
    ],
  },
  {
    room: { id: '00000000-0000-4000-9000-000000000003', type: 'DIRECT' as const, name: null, directKey: [ADMIN, CUSTOMER].sort().join(':'), createdBy: ADMIN, createdAt: at(20) },
    members: [ADMIN, CUSTOMER],
    lines: [[ADMIN, 'Welcome to the shop! Ask here if anything goes wrong with an order.']],
  },
];

/** Demo rooms with history between the demo accounts; idempotent (fixed ids, client message ids). */
export async function seedMessaging(runtime: SubgraphRuntime) {
  await runtime.dataSource.transaction(async (manager) => {
    // users' own events fill known_user soon after; these let the demo rooms stand on their own.
    await manager
      .createQueryBuilder()
      .insert()
      .into(KnownUser)
      .values([ADMIN, CUSTOMER, COURIER, ALICE, BOB].map((userId) => ({ userId, name: 'Demo user', roles: [] })))
      .orIgnore()
      .execute();
    for (const { room, members, lines } of DEMO_ROOMS) {
      const inserted = await manager.createQueryBuilder().insert().into(Room).values(room).orIgnore().returning('id').execute();
      if (!(inserted.raw as unknown[]).length) continue;
      await manager.insert(
        RoomMember,
        members.map((userId) => ({ roomId: room.id, userId, lastReadSeq: 0, joinedAt: room.createdAt })),
      );
      for (const [i, [senderId, content]] of lines.entries()) {
        await manager.insert(Message, { roomId: room.id, senderId, content, clientMessageId: `seed-${room.id}-${i}`, createdAt: new Date(room.createdAt.getTime() + (i + 1) * 60_000) });
      }
    }
  });
}
