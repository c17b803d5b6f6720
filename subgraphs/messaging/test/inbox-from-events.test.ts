import { randomUUID } from 'node:crypto';
import { runSubgraph, type Messaging, type RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, graphql, testDatabaseUrl, testLogger, testMessaging, viewerHeaders, TEST_IDENTITY_SECRET, TEST_JWT_SECRET } from '@supergraph/testkit';
import { DEMO_ROOMS, seedMessaging } from '../src/seed';
import { subgraph } from '../src/server';

/** The messaging subgraph alone: its inbox fed by events on the bus, references in batches, the seed. */
describe('messaging subgraph', () => {
  let running: RunningSubgraph;
  let messaging: Messaging;
  let url: string;
  const owner = randomUUID();

  const publish = (topic: string, payload: unknown, id = randomUUID()) => messaging.bus.publish({ id, topic, occurredAt: new Date().toISOString(), payload });
  const inbox = async () => (await graphql(url, '{ notifications(first: 50) { totalCount edges { node { kind title body order { id } } } } }', {}, viewerHeaders(owner))).data.notifications;

  beforeAll(async () => {
    messaging = await testMessaging('messaging');
    running = await runSubgraph(subgraph, {
      databaseUrl: await testDatabaseUrl('messaging'),
      messaging,
      identitySecret: TEST_IDENTITY_SECRET,
      jwtSecret: TEST_JWT_SECRET,
      logger: testLogger,
      seed: true,
    });
    url = `${running.url}/graphql`;
  });
  afterAll(async () => {
    await running?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('makes one notification of a fact told twice, by the same event or by two', async () => {
    const alert = { alertId: randomUUID(), agentId: randomUUID(), ownerId: owner, hostname: 'db-1', cause: 'MISSED_BACKUP', severity: 'CRITICAL', raisedAt: new Date().toISOString() };
    const eventId = randomUUID();
    await publish('backups.alert.raised', alert, eventId);
    await publish('backups.alert.raised', alert, eventId);
    await publish('backups.alert.raised', alert);
    const orderId = randomUUID();
    const change = { orderId, customerId: owner, from: 'CONFIRMED', to: 'PAID', at: new Date().toISOString() };
    await publish('orders.order.statusChanged', change);
    await publish('orders.order.statusChanged', change);
    await eventually(async () => (await inbox()).totalCount >= 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { totalCount, edges } = await inbox();
    expect(totalCount).toBe(2);
    // Topics are not ordered against each other: either may come first.
    expect(edges.map((e: any) => e.node)).toEqual(
      expect.arrayContaining([
        { kind: 'ORDER_STATUS', title: `Your order ${orderId.slice(0, 8)} is paid`, body: 'Status: PAID', order: { id: orderId } },
        { kind: 'BACKUP_ALERT', title: 'Critical: backups of db-1', body: 'db-1 missed its backup window.', order: null },
      ]),
    );
  });

  it('answers references to rooms and messages with one query each, and only for participants', async () => {
    const [direct, group] = DEMO_ROOMS;
    const reps = [direct, group].map(({ room }) => ({ __typename: 'Room', id: room.id }));
    const query = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Room { id lastMessage { content } } } }';
    const before = running.database.queryCount;
    const res = await graphql(url, query, { reps }, viewerHeaders(direct.members[0]));
    // The customer is in both demo rooms: rooms, members and last messages, one query each.
    expect(res.data._entities).toEqual([
      { id: direct.room.id, lastMessage: { content: direct.lines.at(-1)![1] } },
      { id: group.room.id, lastMessage: { content: group.lines.at(-1)![1] } },
    ]);
    expect(running.database.queryCount - before).toBe(3);
    const stranger = await graphql(url, query, { reps }, viewerHeaders(randomUUID()));
    expect(stranger.data._entities).toEqual([null, null]);
  });

  it('seeds the demo rooms once, however often it runs', async () => {
    await seedMessaging(running.runtime);
    const rows: { n: string }[] = await running.database.dataSource.query('SELECT count(*) AS n FROM message');
    expect(Number(rows[0].n)).toBe(DEMO_ROOMS.reduce((n, r) => n + r.lines.length, 0));
  });
});
