import { randomUUID } from 'node:crypto';
import { cleanupTestResources, graphql } from '@supergraph/testkit';
import { registerCustomer, startTestSupergraph, type Client, type TestSupergraph } from './helpers/supergraph';

/** Every messaging mutation refuses bad input with a code and the offending field, and changes nothing. */
describe('messaging bad input', () => {
  let sg: TestSupergraph;
  let alice: Client;
  let bob: Client;
  let roomId: string;
  let messageId: string;

  /** What a refused mutation must leave as it was. */
  const state = async () => {
    const { rooms } = await alice.data('{ rooms(first: 5) { totalCount edges { node { id name messages(first: 10) { totalCount edges { node { content editedAt reactions { emoji } } } } } } } }');
    return rooms;
  };

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [alice, bob] = await Promise.all([registerCustomer(sg.url, 'alice'), registerCustomer(sg.url, 'bob')]);
    roomId = (await alice.data('mutation($i: CreateRoomInput!) { createRoom(input: $i) { id } }', { i: { type: 'GROUP', name: 'Tea', participantIds: [bob.userId] } })).createRoom.id;
    messageId = (await alice.data('mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }', { i: { roomId, content: 'hello' } })).sendMessage.id;
  }, 120_000);
  afterAll(async () => {
    await sg?.close();
    await cleanupTestResources();
  });

  const CREATE = 'mutation($i: CreateRoomInput!) { createRoom(input: $i) { id } }';
  const SEND = 'mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }';
  const EDIT = 'mutation($i: EditMessageInput!) { editMessage(input: $i) { id } }';
  const REACT = 'mutation($i: ReactToMessageInput!) { reactToMessage(input: $i) { id } }';

  const cases: [string, () => Client, string, () => Record<string, unknown>, string, string | null][] = [
    ['a DIRECT room with two others', () => alice, CREATE, () => ({ i: { type: 'DIRECT', participantIds: [bob.userId, randomUUID()] } }), 'BAD_USER_INPUT', 'input.participantIds'],
    ['a DIRECT room with a name', () => alice, CREATE, () => ({ i: { type: 'DIRECT', name: 'x', participantIds: [bob.userId] } }), 'BAD_USER_INPUT', 'input.name'],
    ['a GROUP room without a name', () => alice, CREATE, () => ({ i: { type: 'GROUP', participantIds: [bob.userId] } }), 'BAD_USER_INPUT', 'input.name'],
    ['a GROUP room with a 101-character name', () => alice, CREATE, () => ({ i: { type: 'GROUP', name: 'n'.repeat(101), participantIds: [bob.userId] } }), 'BAD_USER_INPUT', 'input.name'],
    ['a room with a malformed id', () => alice, CREATE, () => ({ i: { type: 'GROUP', name: 'x', participantIds: ['nope'] } }), 'BAD_USER_INPUT', 'input.participantIds'],
    ['a room with an unknown user', () => alice, CREATE, () => ({ i: { type: 'GROUP', name: 'x', participantIds: [randomUUID()] } }), 'BAD_USER_INPUT', 'input.participantIds'],
    ['a room with nobody else', () => alice, CREATE, () => ({ i: { type: 'GROUP', name: 'x', participantIds: [] } }), 'BAD_USER_INPUT', 'input.participantIds'],
    ['an empty message', () => alice, SEND, () => ({ i: { roomId, content: '' } }), 'BAD_USER_INPUT', 'input.content'],
    ['a whitespace-only message', () => alice, SEND, () => ({ i: { roomId, content: ' \n\t ' } }), 'BAD_USER_INPUT', 'input.content'],
    ['a 4,001-character message', () => alice, SEND, () => ({ i: { roomId, content: 'x'.repeat(4001) } }), 'BAD_USER_INPUT', 'input.content'],
    ['a message with a control character', () => alice, SEND, () => ({ i: { roomId, content: 'bell \u0007' } }), 'BAD_USER_INPUT', 'input.content'],
    ['a message with a bidi override', () => alice, SEND, () => ({ i: { roomId, content: 'abc \u202E txt.exe' } }), 'BAD_USER_INPUT', 'input.content'],
    ['a message to a malformed room id', () => alice, SEND, () => ({ i: { roomId: 'nope', content: 'hi' } }), 'BAD_USER_INPUT', 'input.roomId'],
    ['a message to an unknown room', () => alice, SEND, () => ({ i: { roomId: randomUUID(), content: 'hi' } }), 'NOT_FOUND', null],
    ['a 101-character client id', () => alice, SEND, () => ({ i: { roomId, content: 'hi', clientMessageId: 'c'.repeat(101) } }), 'BAD_USER_INPUT', 'input.clientMessageId'],
    ['an edit to empty', () => alice, EDIT, () => ({ i: { messageId, content: '   ' } }), 'BAD_USER_INPUT', 'input.content'],
    ['an edit of a malformed id', () => alice, EDIT, () => ({ i: { messageId: 'nope', content: 'x' } }), 'BAD_USER_INPUT', 'input.messageId'],
    ["an edit of someone else's message", () => bob, EDIT, () => ({ i: { messageId, content: 'mine now' } }), 'FORBIDDEN', null],
    ['a 17-character reaction', () => bob, REACT, () => ({ i: { messageId, emoji: 'e'.repeat(17) } }), 'BAD_USER_INPUT', 'input.emoji'],
    ['a reaction with a space', () => bob, REACT, () => ({ i: { messageId, emoji: 'a b' } }), 'BAD_USER_INPUT', 'input.emoji'],
    ['a reaction to an unknown message', () => bob, REACT, () => ({ i: { messageId: randomUUID(), emoji: '👍' } }), 'NOT_FOUND', null],
    ['a read mark on a malformed room id', () => alice, 'mutation($r: ID!) { markRoomRead(roomId: $r) { id } }', () => ({ r: 'nope' }), 'BAD_USER_INPUT', 'roomId'],
    ['typing in a malformed room id', () => alice, 'mutation($r: ID!) { setTyping(roomId: $r, typing: true) }', () => ({ r: 'nope' }), 'BAD_USER_INPUT', 'roomId'],
    ['a heartbeat saying OFFLINE', () => alice, 'mutation { heartbeat(status: OFFLINE) { status } }', () => ({}), 'BAD_USER_INPUT', 'status'],
    ['a read mark on a malformed notification id', () => alice, 'mutation($id: ID!) { markNotificationRead(id: $id) { id } }', () => ({ id: 'nope' }), 'BAD_USER_INPUT', 'id'],
    ['a page of 101 rooms', () => alice, '{ rooms(first: 101) { totalCount } }', () => ({}), 'BAD_USER_INPUT', 'first'],
  ];

  it.each(cases)('refuses %s', async (_, who, query, variables, code, field) => {
    const before = await state();
    const res = await who().request(query, variables());
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    if (field) expect(res.errors?.[0]?.extensions?.field).toBe(field);
    expect(await state()).toEqual(before);
  });

  it('refuses every mutation without credentials', async () => {
    const anonymous: [string, Record<string, unknown>][] = [
      [CREATE, { i: { type: 'GROUP', name: 'x', participantIds: [bob.userId] } }],
      [SEND, { i: { roomId, content: 'x' } }],
      ['mutation { heartbeat(status: ONLINE) { status } }', {}],
      ['{ notifications { totalCount } }', {}],
    ];
    for (const [query, variables] of anonymous) {
      const res = await graphql(sg.url, query, variables);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});
