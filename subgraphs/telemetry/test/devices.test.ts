import { ErrorCode } from '@supergraph/errors';
import { runSubgraph, type Messaging, type RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, graphql, testDatabaseUrl, testLogger, testMessaging, TEST_IDENTITY_SECRET, TEST_JWT_SECRET } from '@supergraph/testkit';
import { DEMO_DEVICES } from '../src/seed';
import { subgraph } from '../src/server';

/** The telemetry subgraph alone, seeded, on a fresh database (PostgreSQL when reachable, else PGlite). */
describe('devices', () => {
  let running: RunningSubgraph;
  let messaging: Messaging;
  let url: string;

  beforeAll(async () => {
    messaging = await testMessaging('telemetry');
    running = await runSubgraph(subgraph, {
      databaseUrl: await testDatabaseUrl('telemetry'),
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

  it('lists the seeded devices, newest first, and finds each by id', async () => {
    const list = await graphql(url, '{ devices(first: 10) { id name } }');
    expect(list.errors).toBeUndefined();
    expect(list.data.devices).toEqual([...DEMO_DEVICES].reverse().map(({ id, name }) => ({ id, name })));
    const one = await graphql(url, 'query($id: ID!) { device(id: $id) { name } }', { id: DEMO_DEVICES[0].id });
    expect(one.data.device).toEqual({ name: DEMO_DEVICES[0].name });
  });

  it('answers references from other subgraphs with one query however many there are', async () => {
    const reps = DEMO_DEVICES.map(({ id }) => ({ __typename: 'Device', id }));
    const before = running.database.queryCount;
    const res = await graphql(url, 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Device { id } } }', { reps });
    expect(res.data._entities).toEqual(DEMO_DEVICES.map(({ id }) => ({ id })));
    expect(running.database.queryCount - before).toBe(1);
  });

  it('refuses a malformed id or page size with BAD_USER_INPUT', async () => {
    const badId = await graphql(url, '{ device(id: "not-an-id") { id } }');
    expect(badId.errors?.[0]?.extensions?.code).toBe(ErrorCode.BAD_USER_INPUT);
    const badPage = await graphql(url, '{ devices(first: 0) { id } }');
    expect(badPage.errors?.[0]?.extensions?.code).toBe(ErrorCode.BAD_USER_INPUT);
  });
});
