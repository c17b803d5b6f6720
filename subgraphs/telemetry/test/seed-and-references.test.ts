import { randomUUID } from 'node:crypto';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, graphql, runTestSubgraph, testDatabaseUrl, testMessaging, viewerHeaders } from '@supergraph/testkit';
import { DEMO_DEVICE, DEMO_OWNER_ID, seedTelemetry } from '../src/seed';
import { subgraph } from '../src/server';

/** The telemetry subgraph alone, seeded: the demo device, references batched, the owner's view only. */
describe('the seeded device and references to devices', () => {
  let running: RunningSubgraph;
  let messaging: Messaging;
  let url: string;
  const owner = viewerHeaders(DEMO_OWNER_ID);

  beforeAll(async () => {
    messaging = await testMessaging('telemetry-seed');
    running = await runTestSubgraph(subgraph, { databaseUrl: await testDatabaseUrl('telemetry_seed'), messaging, seed: true });
    url = `${running.url}/graphql`;
  });
  afterAll(async () => {
    await running?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  const readingCount = async () => (await running.database.dataSource.query('SELECT count(*)::int AS n FROM reading'))[0].n as number;

  it('gives the demo customer a device with a day of readings of two metrics, once however often it runs', async () => {
    expect(await readingCount()).toBe(2 * 1440);
    await seedTelemetry(running.runtime);
    expect(await readingCount()).toBe(2 * 1440);
    const res = await graphql(url, '{ devices { edges { node { id name kind metrics latest(metric: "temperature") { value at } } } } }', {}, owner);
    expect(res.errors).toBeUndefined();
    const [{ node }] = res.data.devices.edges;
    expect(node).toMatchObject({ id: DEMO_DEVICE.id, name: DEMO_DEVICE.name, metrics: ['humidity', 'temperature'] });
    expect(Date.now() - Date.parse(node.latest.at)).toBeLessThan(3 * 60_000);
  });

  it('answers references and their latest readings with one query each, however many there are, and null to strangers', async () => {
    const reps = [DEMO_DEVICE.id, randomUUID(), DEMO_DEVICE.id].map((id) => ({ __typename: 'Device', id }));
    const query = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Device { id latest(metric: "humidity") { metric } } } }';
    const before = running.database.queryCount;
    const res = await graphql(url, query, { reps }, owner);
    expect(res.data._entities).toEqual([{ id: DEMO_DEVICE.id, latest: { metric: 'humidity' } }, null, { id: DEMO_DEVICE.id, latest: { metric: 'humidity' } }]);
    expect(running.database.queryCount - before).toBe(2);
    const stranger = await graphql(url, query, { reps }, viewerHeaders(randomUUID()));
    expect(stranger.data._entities).toEqual([null, null, null]);
  });

  it('lists the devices of many users with one query (User.devices), for admins and the user only', async () => {
    const reps = [DEMO_OWNER_ID, randomUUID(), DEMO_OWNER_ID].map((id) => ({ __typename: 'User', id }));
    const query = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { devices(first: 5) { id } } } }';
    const before = running.database.queryCount;
    const res = await graphql(url, query, { reps }, viewerHeaders(randomUUID(), ['ADMIN']));
    expect(res.data._entities).toEqual([{ devices: [{ id: DEMO_DEVICE.id }] }, { devices: [] }, { devices: [{ id: DEMO_DEVICE.id }] }]);
    expect(running.database.queryCount - before).toBe(1);
    const other = await graphql(url, query, { reps: reps.slice(0, 1) }, viewerHeaders(randomUUID()));
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
