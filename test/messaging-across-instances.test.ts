import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LIMITS } from '@supergraph/router/src/limits';
import { startRouter, type RunningRouter } from '@supergraph/router/src/server';
import { subgraph as messagingSubgraph } from '@supergraph/messaging';
import { connectMessaging, runSubgraph, type Messaging, type RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, postgresAvailable, redisAvailable, testLogger, TEST_IDENTITY_SECRET, TEST_JWT_SECRET } from '@supergraph/testkit';
import { LiveClients } from './helpers/live';
import { Client, registerCustomer, startTestSupergraph, type TestSupergraph } from './helpers/supergraph';

/**
 * Two routers, each in front of its own messaging instance (one database, one Redis prefix):
 * alice on router A, bob on router B see each other's presence, messages and typing, each once.
 * Skipped without real PostgreSQL and Redis (two instances cannot share the embedded engines).
 */
describe('messaging across router and subgraph instances', () => {
  let enabled = false;
  let sg: TestSupergraph;
  let messaging2: RunningSubgraph;
  let bus2: Messaging;
  let routerB: RunningRouter;
  let alice: Client;
  let bob: Client;
  let roomId: string;
  const live = new LiveClients();

  beforeAll(async () => {
    enabled = (await postgresAvailable()) && (await redisAvailable());
    if (!enabled) return;
    sg = await startTestSupergraph();
    bus2 = await connectMessaging({ redisUrl: sg.messaging.redis!.url, keyPrefix: sg.messaging.redis!.keyPrefix, logger: testLogger });
    messaging2 = await runSubgraph(messagingSubgraph, {
      databaseUrl: sg.databaseUrls.messaging,
      messaging: bus2,
      identitySecret: TEST_IDENTITY_SECRET,
      jwtSecret: TEST_JWT_SECRET,
      logger: testLogger,
      instanceId: 'messaging-2',
    });
    const urls = Object.fromEntries(Object.entries(sg.supergraph.subgraphs).map(([name, s]) => [name, `${(name === 'messaging' ? messaging2 : s).url}/graphql`]));
    routerB = await startRouter({
      supergraphSdl: readFileSync(join(__dirname, '../schema/supergraph.graphql'), 'utf8'),
      subgraphUrls: urls,
      identitySecret: TEST_IDENTITY_SECRET,
      jwtSecret: TEST_JWT_SECRET,
      limits: DEFAULT_LIMITS,
      logger: testLogger,
    });
    alice = await registerCustomer(sg.url, 'alice');
    const bobOnA = await registerCustomer(sg.url, 'bob');
    bob = new Client(`${routerB.url}/graphql`, bobOnA.token, bobOnA.userId);
    roomId = (await alice.data('mutation($i: CreateRoomInput!) { createRoom(input: $i) { id } }', { i: { type: 'DIRECT', participantIds: [bob.userId] } })).createRoom.id;
  }, 120_000);
  afterAll(async () => {
    await live.close();
    await routerB?.close();
    await messaging2?.close();
    await bus2?.close();
    await sg?.close();
    await cleanupTestResources();
  });

  it('shows presence, messages and typing from router B on router A and back, each exactly once', async () => {
    if (!enabled) return;
    const onA = live.connect(sg.url, alice.token!);
    const presence = LiveClients.collect(onA, 'subscription($u: [ID!]!) { presenceChanged(userIds: $u) { status user { id } } }', { u: [bob.userId] });
    const atAlice = LiveClients.collect(onA, 'subscription($r: ID!) { messageAdded(roomId: $r) { content sender { id } } }', { r: roomId });
    const typingAtAlice = LiveClients.collect(onA, 'subscription($r: ID!) { typing(roomId: $r) { typing user { id } } }', { r: roomId });
    await eventually(
      async () =>
        (await bob.data('query($r: ID!) { room(id: $r) { participants { id presence { status } } } }', { r: roomId })).room.participants.find((p: any) => p.id === alice.userId).presence.status ===
        'ONLINE',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    const onB = live.connect(bob.url, bob.token!);
    const atBob = LiveClients.collect(onB, 'subscription($r: ID!) { messageAdded(roomId: $r) { content sender { id } } }', { r: roomId });
    await eventually(async () => presence.events.length >= 1, { message: "bob's ONLINE on router A" });
    await new Promise((resolve) => setTimeout(resolve, 300));

    await bob.data('mutation($r: ID!) { setTyping(roomId: $r, typing: true) }', { r: roomId });
    await bob.data('mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }', { i: { roomId, content: 'from B' } });
    await alice.data('mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }', { i: { roomId, content: 'from A' } });
    await eventually(async () => atAlice.events.length >= 2 && atBob.events.length >= 2 && typingAtAlice.events.length >= 1, { message: 'messages and typing across' });
    // Anything doubled would have arrived by now.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(presence.events.map((e) => e.data.presenceChanged)).toEqual([{ status: 'ONLINE', user: { id: bob.userId } }]);
    expect(atAlice.events.map((e) => e.data.messageAdded.content)).toEqual(['from B', 'from A']);
    expect(atBob.events.map((e) => e.data.messageAdded.content)).toEqual(['from B', 'from A']);
    expect(typingAtAlice.events.map((e) => e.data.typing)).toEqual([{ typing: true, user: { id: bob.userId } }]);

    // Bob's socket on B dies without a close frame: alice on A sees him OFFLINE, once.
    live.sockets.at(-1)!.terminate();
    await eventually(async () => presence.events.length >= 2, { timeoutMs: 5000, message: "bob's OFFLINE on router A" });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(presence.events.map((e) => e.data.presenceChanged.status)).toEqual(['ONLINE', 'OFFLINE']);
  }, 60_000);
});
