import { randomUUID } from 'node:crypto';
import { cleanupTestResources, eventually } from '@supergraph/testkit';
import { LiveClients, refusalCode } from './helpers/live';
import { registerCustomer, startTestSupergraph, type Client, type TestSupergraph } from './helpers/supergraph';

/** Two users chat through the router over graphql-ws; a third, not in the room, gets nothing. */
describe('chat through the router', () => {
  let sg: TestSupergraph;
  let alice: Client;
  let bob: Client;
  let mallory: Client;
  let roomId: string;
  const live = new LiveClients();

  const SEND = 'mutation($i: SendMessageInput!) { sendMessage(input: $i) { id content createdAt sender { id } } }';
  const ADDED = 'subscription($r: ID!) { messageAdded(roomId: $r) { id content sender { id name } editedAt } }';
  const send = (client: Client, content: string, clientMessageId?: string) => client.data(SEND, { i: { roomId, content, clientMessageId } });
  const unread = (client: Client) => client.data<{ room: { unreadCount: number }; unreadMessageCount: number }>('query($r: ID!) { room(id: $r) { unreadCount } unreadMessageCount }', { r: roomId });

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [alice, bob, mallory] = await Promise.all([registerCustomer(sg.url, 'alice'), registerCustomer(sg.url, 'bob'), registerCustomer(sg.url, 'mallory')]);
    roomId = (await alice.data('mutation($i: CreateRoomInput!) { createRoom(input: $i) { id } }', { i: { type: 'DIRECT', participantIds: [bob.userId] } })).createRoom.id;
  }, 120_000);
  afterAll(async () => {
    await live.close();
    await sg?.close();
    await cleanupTestResources();
  });

  it('makes one DIRECT room per pair, however many ask at once', async () => {
    const again = await Promise.all([
      bob.data('mutation($i: CreateRoomInput!) { createRoom(input: $i) { id type name participants { id } } }', { i: { type: 'DIRECT', participantIds: [alice.userId] } }),
      alice.data('mutation($i: CreateRoomInput!) { createRoom(input: $i) { id } }', { i: { type: 'DIRECT', participantIds: [bob.userId] } }),
    ]);
    expect(again.map((r) => r.createRoom.id)).toEqual([roomId, roomId]);
    expect(again[0].createRoom).toMatchObject({ type: 'DIRECT', name: null });
    expect(again[0].createRoom.participants.map((p: { id: string }) => p.id).sort()).toEqual([alice.userId, bob.userId].sort());
  });

  it('delivers messages in order to the other side, with unread counts, read receipts and edits', async () => {
    const bobSocket = live.connect(sg.url, bob.token!);
    const added = LiveClients.collect(bobSocket, ADDED, { r: roomId });
    const updated = LiveClients.collect(bobSocket, 'subscription($r: ID!) { messageUpdated(roomId: $r) { id content editedAt reactions { emoji count users { id } } } }', { r: roomId });
    // The subscription is open once a message sent now reaches it: probe until one does.
    await eventually(async () => {
      await send(alice, `probe ${randomUUID()}`);
      return added.events.length > 0;
    });
    await bob.data('mutation($r: ID!) { markRoomRead(roomId: $r) { id } }', { r: roomId });
    const before = added.events.length;
    const texts = ['one', 'two <b>not bold</b>', 'three\nlines\twith tab'];
    const sent = [];
    for (const text of texts) sent.push((await send(alice, text)).sendMessage);
    await eventually(async () => added.events.length >= before + 3, { message: 'three messages at bob' });
    const got = added.events.slice(before).map((e) => e.data.messageAdded);
    expect(got.map((m) => m.content)).toEqual(texts);
    expect(got.map((m) => m.id)).toEqual(sent.map((m) => m.id));
    expect(got[0].sender).toEqual({ id: alice.userId, name: 'alice' });

    expect(await unread(bob)).toEqual({ room: { unreadCount: 3 }, unreadMessageCount: 3 });
    expect(await unread(alice)).toEqual({ room: { unreadCount: 0 }, unreadMessageCount: 0 });
    const receipts = async () => (await alice.data('query($r: ID!) { room(id: $r) { lastMessage { id readBy { id } } } }', { r: roomId })).room.lastMessage;
    expect(await receipts()).toEqual({ id: sent[2].id, readBy: [] });
    await bob.data('mutation($r: ID!) { markRoomRead(roomId: $r) { unreadCount } }', { r: roomId });
    expect(await unread(bob)).toEqual({ room: { unreadCount: 0 }, unreadMessageCount: 0 });
    expect(await receipts()).toEqual({ id: sent[2].id, readBy: [{ id: bob.userId }] });

    const edited = await alice.data('mutation($i: EditMessageInput!) { editMessage(input: $i) { content editedAt } }', { i: { messageId: sent[0].id, content: 'one (edited)' } });
    expect(edited.editMessage.editedAt).not.toBeNull();
    await bob.data('mutation($i: ReactToMessageInput!) { reactToMessage(input: $i) { id } }', { i: { messageId: sent[1].id, emoji: '👍' } });
    await eventually(async () => updated.events.length >= 2, { message: 'the edit and the reaction at bob' });
    expect(updated.events[0].data.messageUpdated).toMatchObject({ id: sent[0].id, content: 'one (edited)', editedAt: edited.editMessage.editedAt });
    expect(updated.events[1].data.messageUpdated).toMatchObject({ id: sent[1].id, reactions: [{ emoji: '👍', count: 1, users: [{ id: bob.userId }] }] });
  });

  it('pages messages newest first with cursors that hold while others arrive', async () => {
    const page = async (after?: string) =>
      (
        await bob.data('query($r: ID!, $a: String) { room(id: $r) { messages(first: 2, after: $a) { edges { cursor node { content } } pageInfo { hasNextPage endCursor } totalCount } } }', {
          r: roomId,
          a: after,
        })
      ).room.messages;
    const first = await page();
    expect(first.edges.map((e: any) => e.node.content)).toEqual(['three\nlines\twith tab', 'two <b>not bold</b>']);
    await send(alice, 'a newer one');
    const second = await page(first.pageInfo.endCursor);
    expect(second.edges[0].node.content).toBe('one (edited)');
    expect(second.totalCount).toBe(first.totalCount + 1);
    const bad = await bob.request('query($r: ID!) { room(id: $r) { messages(after: "bm90LWEtY3Vyc29y") { totalCount } } }', { r: roomId });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('shows typing to the other side and lets it lapse by itself after 5 s', async () => {
    const sub = LiveClients.collect(live.connect(sg.url, bob.token!), 'subscription($r: ID!) { typing(roomId: $r) { typing user { id } room { id } } }', { r: roomId });
    await eventually(async () => {
      await alice.data('mutation($r: ID!) { setTyping(roomId: $r, typing: true) }', { r: roomId });
      return sub.events.length > 0;
    });
    expect(sub.events[0].data.typing).toEqual({ typing: true, user: { id: alice.userId }, room: { id: roomId } });
    const started = Date.now();
    await eventually(async () => sub.events.length >= 2, { timeoutMs: 10_000, message: 'typing to lapse' });
    expect(sub.events[1].data.typing).toEqual({ typing: false, user: { id: alice.userId }, room: { id: roomId } });
    expect(Date.now() - started).toBeGreaterThan(3500);
  }, 20_000);

  it('makes one message of a retried send, and gives the retry the first one back', async () => {
    const key = `retry-${randomUUID()}`;
    const results = await Promise.all([1, 2, 3].map(() => send(alice, 'only once', key)));
    const ids = new Set(results.map((r) => r.sendMessage.id));
    expect(ids.size).toBe(1);
    const { room } = await alice.data('query($r: ID!) { room(id: $r) { messages(first: 5) { edges { node { content clientMessageId } } } } }', { r: roomId });
    expect(room.messages.edges.filter((e: any) => e.node.clientMessageId === key)).toHaveLength(1);
  });

  it('keeps a stranger out: no reading, writing or subscribing', async () => {
    expect((await mallory.data('query($r: ID!) { room(id: $r) { id } }', { r: roomId })).room).toBeNull();
    expect((await mallory.data('{ rooms { totalCount } }')).rooms.totalCount).toBe(0);
    const write = await mallory.request(SEND, { i: { roomId, content: 'let me in' } });
    expect(write.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const typing = await mallory.request('mutation($r: ID!) { setTyping(roomId: $r, typing: true) }', { r: roomId });
    expect(typing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const socket = live.connect(sg.url, mallory.token!);
    for (const query of [ADDED, 'subscription($r: ID!) { typing(roomId: $r) { typing } }']) {
      const sub = LiveClients.collect(socket, query, { r: roomId });
      await eventually(async () => sub.error !== undefined || sub.events.length > 0 || sub.completed, { message: 'a refusal' });
      expect(refusalCode(sub)).toBe('NOT_FOUND');
    }
    const { room } = await alice.data('query($r: ID!) { room(id: $r) { messages(first: 100) { edges { node { content } } } } }', { r: roomId });
    expect(room.messages.edges.map((e: any) => e.node.content)).not.toContain('let me in');
  });
});
