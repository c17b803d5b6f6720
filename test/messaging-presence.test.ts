import { BODY_SIGNATURE_HEADER, signBody } from '@supergraph/auth';
import { cleanupTestResources, eventually, graphql, TEST_IDENTITY_SECRET, viewerHeaders } from '@supergraph/testkit';
import { LiveClients, refusalCode } from './helpers/live';
import { registerCustomer, startTestSupergraph, type Client, type TestSupergraph } from './helpers/supergraph';

/**
 * Presence from the router's graphql-ws connections and from heartbeats. Timings stated in
 * docs/messaging.md: a socket that drops (even without a close frame) makes its user OFFLINE
 * within about a second; a heartbeat lapses after PRESENCE_HEARTBEAT_TTL_MS (1.5 s here).
 */
describe('presence', () => {
  let sg: TestSupergraph;
  let alice: Client;
  let bob: Client;
  let carol: Client;
  const live = new LiveClients();

  const PRESENCE = 'query($u: ID!) { user(id: $u) { presence { status lastSeenAt user { id } } } }';
  // `user(id)` is users' (the user themself and admins); others see a user's presence through a room's participants.
  const presenceOf = async (viewer: Client, userId: string | undefined) => {
    const { rooms } = await viewer.data('{ rooms(first: 100) { edges { node { participants { id presence { status lastSeenAt } } } } } }');
    const all = rooms.edges.flatMap((e: any) => e.node.participants);
    return all.find((p: any) => p.id === userId)?.presence as { status: string; lastSeenAt: string | null } | undefined;
  };

  beforeAll(async () => {
    process.env.PRESENCE_HEARTBEAT_TTL_MS = '1500';
    process.env.PRESENCE_SWEEP_MS = '100';
    sg = await startTestSupergraph();
    [alice, bob, carol] = await Promise.all([registerCustomer(sg.url, 'alice'), registerCustomer(sg.url, 'bob'), registerCustomer(sg.url, 'carol')]);
    await alice.data('mutation($i: CreateRoomInput!) { createRoom(input: $i) { id } }', { i: { type: 'GROUP', name: 'Friends', participantIds: [bob.userId] } });
  }, 120_000);
  afterAll(async () => {
    delete process.env.PRESENCE_HEARTBEAT_TTL_MS;
    delete process.env.PRESENCE_SWEEP_MS;
    await live.close();
    await sg?.close();
    await cleanupTestResources();
  });

  it('is OFFLINE, never seen, before a first connection', async () => {
    expect(await presenceOf(alice, bob.userId)).toEqual({ status: 'OFFLINE', lastSeenAt: null });
    expect((await bob.data(PRESENCE, { u: bob.userId })).user.presence).toEqual({ status: 'OFFLINE', lastSeenAt: null, user: { id: bob.userId } });
  });

  it('follows two devices: ONLINE while either is connected, OFFLINE soon after the last socket dies without a close frame', async () => {
    const watch = LiveClients.collect(live.connect(sg.url, alice.token!), 'subscription($u: [ID!]!) { presenceChanged(userIds: $u) { status lastSeenAt user { id } } }', { u: [bob.userId] });
    // Alice's own socket makes her ONLINE: her watch is open once that shows.
    await eventually(async () => (await presenceOf(bob, alice.userId))?.status === 'ONLINE', { message: 'alice online' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sockets = live.sockets.length;
    live.connect(sg.url, bob.token!);
    live.connect(sg.url, bob.token!);
    await eventually(async () => (await presenceOf(alice, bob.userId))?.status === 'ONLINE', { message: 'bob online' });
    await eventually(async () => watch.events.length >= 1, { message: 'the ONLINE event' });
    expect(watch.events[0].data.presenceChanged).toMatchObject({ status: 'ONLINE', user: { id: bob.userId } });

    const [phone, laptop] = live.sockets.slice(sockets);
    await eventually(async () => phone.readyState === phone.OPEN && laptop.readyState === laptop.OPEN);
    phone.terminate();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await presenceOf(alice, bob.userId))?.status).toBe('ONLINE');

    const killed = Date.now();
    laptop.terminate();
    await eventually(async () => (await presenceOf(alice, bob.userId))?.status === 'OFFLINE', { timeoutMs: 5000, message: 'bob offline' });
    expect(Date.now() - killed).toBeLessThan(2000);
    const seen = await presenceOf(alice, bob.userId);
    expect(Date.parse(seen!.lastSeenAt!)).toBeGreaterThanOrEqual(killed - 1000);
    await eventually(async () => watch.events.length >= 2, { message: 'the OFFLINE event' });
    expect(watch.events.map((e) => e.data.presenceChanged.status)).toEqual(['ONLINE', 'OFFLINE']);
  });

  it('takes a heartbeat for AWAY and lets it lapse to OFFLINE by itself', async () => {
    const beat = await carol.data('mutation { heartbeat(status: AWAY) { status user { id } } }');
    expect(beat.heartbeat).toEqual({ status: 'AWAY', user: { id: carol.userId } });
    expect((await carol.data(PRESENCE, { u: carol.userId })).user.presence.status).toBe('AWAY');
    await eventually(async () => (await carol.data(PRESENCE, { u: carol.userId })).user.presence.status === 'OFFLINE', { timeoutMs: 5000, message: 'the heartbeat to lapse' });
    const bad = await carol.request('mutation { heartbeat(status: OFFLINE) { status } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
  });

  it('lets the connections of a router that stopped reporting lapse after their TTL', async () => {
    const url = `${sg.supergraph.subgraphs.messaging.url}/internal/presence`;
    const post = (body: string, signature = signBody(body, TEST_IDENTITY_SECRET)) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [BODY_SIGNATURE_HEADER]: signature }, body });
    const body = JSON.stringify({ ttlMs: 1500, connected: [{ id: 'dead-router-1', userId: carol.userId }], closed: [] });
    expect((await post(body, 'forged')).status).toBe(401);
    expect((await carol.data(PRESENCE, { u: carol.userId })).user.presence.status).toBe('OFFLINE');
    expect((await post(body)).status).toBe(200);
    expect((await carol.data(PRESENCE, { u: carol.userId })).user.presence.status).toBe('ONLINE');
    // No refresh follows, as from a router killed with SIGKILL.
    await eventually(async () => (await carol.data(PRESENCE, { u: carol.userId })).user.presence.status === 'OFFLINE', { timeoutMs: 5000, message: 'the connection to lapse' });
  });

  it('shows presence only to people who share a room, and refuses to stream anyone else', async () => {
    // Carol shares no room with bob: asked of messaging directly (as the router would for any User), his presence is null for her.
    const reps = [{ __typename: 'User', id: bob.userId }];
    const entities = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { presence { status } } } }';
    const asCarol = await graphql(`${sg.supergraph.subgraphs.messaging.url}/graphql`, entities, { r: reps }, viewerHeaders(carol.userId!, ['CUSTOMER']));
    expect(asCarol.data._entities).toEqual([{ presence: null }]);
    const asAlice = await graphql(`${sg.supergraph.subgraphs.messaging.url}/graphql`, entities, { r: reps }, viewerHeaders(alice.userId!, ['CUSTOMER']));
    expect(asAlice.data._entities).toEqual([{ presence: { status: 'OFFLINE' } }]);
    const sub = LiveClients.collect(live.connect(sg.url, carol.token!), 'subscription($u: [ID!]!) { presenceChanged(userIds: $u) { status } }', { u: [carol.userId, bob.userId] });
    await eventually(async () => sub.error !== undefined || sub.events.length > 0, { message: 'a refusal' });
    expect(refusalCode(sub)).toBe('FORBIDDEN');
  });
});
