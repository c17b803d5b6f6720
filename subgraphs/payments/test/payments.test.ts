import { ErrorCode } from '@supergraph/errors';
import { runSubgraph, type Messaging, type RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, graphql, testDatabaseUrl, testLogger, testMessaging, TEST_IDENTITY_SECRET, TEST_JWT_SECRET } from '@supergraph/testkit';
import { DEMO_PAYMENTS } from '../src/seed';
import { subgraph } from '../src/server';

/** The payments subgraph alone, seeded, on a fresh database (PostgreSQL when reachable, else PGlite). */
describe('payments', () => {
  let running: RunningSubgraph;
  let messaging: Messaging;
  let url: string;

  beforeAll(async () => {
    messaging = await testMessaging('payments');
    running = await runSubgraph(subgraph, {
      databaseUrl: await testDatabaseUrl('payments'),
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

  it('lists the seeded payments, newest first, and finds each by id', async () => {
    const list = await graphql(url, '{ payments(first: 10) { id name } }');
    expect(list.errors).toBeUndefined();
    expect(list.data.payments).toEqual([...DEMO_PAYMENTS].reverse().map(({ id, name }) => ({ id, name })));
    const one = await graphql(url, 'query($id: ID!) { payment(id: $id) { name } }', { id: DEMO_PAYMENTS[0].id });
    expect(one.data.payment).toEqual({ name: DEMO_PAYMENTS[0].name });
  });

  it('answers references from other subgraphs with one query however many there are', async () => {
    const reps = DEMO_PAYMENTS.map(({ id }) => ({ __typename: 'Payment', id }));
    const before = running.database.queryCount;
    const res = await graphql(url, 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Payment { id } } }', { reps });
    expect(res.data._entities).toEqual(DEMO_PAYMENTS.map(({ id }) => ({ id })));
    expect(running.database.queryCount - before).toBe(1);
  });

  it('refuses a malformed id or page size with BAD_USER_INPUT', async () => {
    const badId = await graphql(url, '{ payment(id: "not-an-id") { id } }');
    expect(badId.errors?.[0]?.extensions?.code).toBe(ErrorCode.BAD_USER_INPUT);
    const badPage = await graphql(url, '{ payments(first: 0) { id } }');
    expect(badPage.errors?.[0]?.extensions?.code).toBe(ErrorCode.BAD_USER_INPUT);
  });
});
