import { randomUUID } from 'node:crypto';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { mintApiKey } from '@supergraph/auth';
import { cleanupTestResources, graphql } from '@supergraph/testkit';
import { Client, registerCustomer, startTestSupergraph, type TestSupergraph } from './helpers/supergraph';
import { HISTORY, INGEST, ingestAs, registerDevice, type ReadingInput } from './helpers/telemetry';

/** Who may write and read which device, what a reading must be, and bad input on every mutation: refused with its code, nothing changed. */
describe('telemetry: validation and authorization through the router', () => {
  let sg: TestSupergraph;
  let owner: Client;
  let stranger: Client;
  let device: { id: string; apiKey: string };
  let sibling: { id: string; apiKey: string };
  const clients: WsClient[] = [];

  beforeAll(async () => {
    sg = await startTestSupergraph({ seed: false });
    owner = await registerCustomer(sg.url, 'owner');
    stranger = await registerCustomer(sg.url, 'stranger');
    device = await registerDevice(owner, 'meter');
    sibling = await registerDevice(owner, 'other meter');
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await sg?.close();
    await cleanupTestResources();
  });

  const db = () => sg.supergraph.subgraphs.telemetry.database.dataSource;
  const stored = () => db().query<{ device_id: string; metric: string; value: number }[]>('SELECT device_id, metric, value FROM reading ORDER BY device_id, metric, at');
  const devices = () => db().query<unknown[]>('SELECT id, name, key_hash FROM device ORDER BY id');
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

  it('stores only the good readings of a batch and explains each bad one by index and code', async () => {
    const good = (metric: string, value: number): ReadingInput => ({ deviceId: device.id, metric, value, at: ago(value * 1000) });
    const batch: ReadingInput[] = [
      good('volts', 1),
      { ...good('volts', 2), deviceId: sibling.id },
      { ...good('volts', 3), deviceId: randomUUID() },
      { ...good('volts', 4), deviceId: 'not-a-uuid' },
      { ...good('volts', 5), metric: '9lives' },
      { ...good('volts', 6), metric: 'x'.repeat(65) },
      { ...good('volts', 7), at: new Date(Date.now() + 10 * 60_000).toISOString() },
      { ...good('volts', 8), at: ago(40 * 86_400_000) },
      good('amps', 9),
      { ...good('amps', 9), value: 99 },
    ];
    const res = await ingestAs(sg.url, device.apiKey, batch);
    expect(res.errors).toBeUndefined();
    expect(res.data.ingestTelemetry.accepted).toBe(2);
    expect(res.data.ingestTelemetry.rejected).toBe(8);
    expect(res.data.ingestTelemetry.rejections.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'WRONG_DEVICE'],
      [2, 'WRONG_DEVICE'],
      [3, 'WRONG_DEVICE'],
      [4, 'INVALID_METRIC'],
      [5, 'INVALID_METRIC'],
      [6, 'IN_FUTURE'],
      [7, 'TOO_OLD'],
      [9, 'DUPLICATE'],
    ]);
    expect(res.data.ingestTelemetry.rejections[0].reason).toMatch(device.id);
    expect(await stored()).toEqual([
      { device_id: device.id, metric: 'amps', value: 9 },
      { device_id: device.id, metric: 'volts', value: 1 },
    ]);
  });

  it('lets a user write only for their own devices, and a key only for its device', async () => {
    const reading = (deviceId: string): ReadingInput => ({ deviceId, metric: 'rpm', value: 1, at: ago(500) });
    const asStranger = await stranger.data(INGEST, { r: [reading(device.id)] });
    expect(asStranger.ingestTelemetry).toMatchObject({ accepted: 0, rejected: 1, rejections: [{ index: 0, code: 'UNKNOWN_DEVICE' }] });
    const siblingKey = await ingestAs(sg.url, sibling.apiKey, [reading(device.id), reading(sibling.id)]);
    expect(siblingKey.data.ingestTelemetry).toMatchObject({ accepted: 1, rejected: 1, rejections: [{ index: 0, code: 'WRONG_DEVICE' }] });
    const asOwner = await owner.data(INGEST, { r: [{ ...reading(device.id), metric: 'rpm2' }] });
    expect(asOwner.ingestTelemetry).toMatchObject({ accepted: 1, rejected: 0 });
    expect((await stored()).filter((r) => r.device_id === device.id && r.metric === 'rpm')).toEqual([]);
  });

  it("gives a device key no say outside telemetry: its owner's profile, orders and inbox stay closed to it", async () => {
    const asDevice = (query: string) => graphql(sg.url, query, {}, { 'x-api-key': device.apiKey });
    expect((await asDevice('{ me { id email orders(first: 1) { edges { node { id } } } } }')).data).toEqual({ me: null });
    expect((await asDevice('{ notifications(first: 1) { edges { node { id } } } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await asDevice(`{ device(id: "${device.id}") { id owner { id email } } }`)).data).toEqual({ device: { id: device.id, owner: { id: owner.userId, email: null } } });
  });

  it('refuses a batch of more than 5,000, anonymous callers and unknown keys, storing nothing', async () => {
    const before = await stored();
    const tooMany = Array.from({ length: 5001 }, (_, i) => ({ deviceId: device.id, metric: 'big', value: i, at: ago(i) }));
    const big = await ingestAs(sg.url, device.apiKey, tooMany);
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'readings', max: 5000 });
    const anonymous = await graphql(sg.url, INGEST, { r: [{ deviceId: device.id, metric: 'x', value: 1, at: ago(1) }] });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await ingestAs(sg.url, mintApiKey('sgt', device.id).secret, [{ deviceId: device.id, metric: 'x', value: 1, at: ago(1) }]);
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await stored()).toEqual(before);
  });

  it('hides a device and its readings from other users: no device, no latest, no history, no subscription', async () => {
    const read = await stranger.request('query($id: ID!) { device(id: $id) { id latest(metric: "volts") { value } } }', { id: device.id });
    expect(read.data.device).toBeNull();
    const history = await stranger.request(HISTORY, { d: device.id, m: 'volts', from: ago(3_600_000), to: ago(0), b: 'MINUTE' });
    expect(history.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    const list = await stranger.data('{ devices { edges { node { id } } } }');
    expect(list.devices.edges).toEqual([]);
    // A device's key sees itself, not its siblings.
    const asKey = await graphql(sg.url, 'query($s: ID!) { devices { edges { node { id } } } device(id: $s) { id } }', { s: sibling.id }, { 'x-api-key': device.apiKey });
    expect(asKey.data).toEqual({ devices: { edges: [{ node: { id: device.id } }] }, device: null });
    const others = await stranger.request('query($id: ID!) { user(id: $id) { devices { id } } }', { id: owner.userId });
    expect(others.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const client = createClient({ url: sg.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${stranger.token}` }, retryAttempts: 0, lazy: true });
    clients.push(client);
    const refusal = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription($d: ID!) { telemetryUpdated(deviceId: $d) { value } }', variables: { d: device.id } },
        { next: resolve, error: resolve, complete: () => resolve('complete') },
      );
    });
    expect(JSON.stringify(refusal)).toMatch(/NOT_FOUND/);
  });

  it('refuses bad history ranges with BAD_USER_INPUT on the field at fault', async () => {
    const ask = (vars: Record<string, unknown>) => owner.request(HISTORY, { d: device.id, m: 'volts', from: ago(3_600_000), to: ago(0), b: 'MINUTE', ...vars });
    expect((await ask({ from: ago(0), to: ago(3_600_000) })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect((await ask({ from: ago(8 * 86_400_000) })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to', max: 10_000 });
    expect((await ask({ m: 'no spaces' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'metric' });
    expect((await ask({ d: 'nope' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deviceId' });
    expect((await ask({})).data.telemetry).toEqual([expect.objectContaining({ count: 1, min: 1 })]);
  });

  it('refuses bad input on registerDevice, rotateDeviceKey and revokeDeviceKey, changing nothing', async () => {
    const before = await devices();
    const register = (i: Record<string, string>, as = owner) => as.request('mutation($i: RegisterDeviceInput!) { registerDevice(input: $i) { apiKey } }', { i });
    expect((await register({ name: '  ', kind: 'meter' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect((await register({ name: 'ok', kind: 'k'.repeat(41) })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kind' });
    expect((await register({ name: 'ok', kind: 'meter' }, new Client(sg.url))).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const asKey = await graphql(sg.url, 'mutation { registerDevice(input: { name: "x", kind: "y" }) { apiKey } }', {}, { 'x-api-key': device.apiKey });
    expect(asKey.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    for (const mutation of ['rotateDeviceKey(deviceId: $d) { apiKey }', 'revokeDeviceKey(deviceId: $d) { id }']) {
      const run = (as: Client, d: string) => as.request(`mutation($d: ID!) { ${mutation} }`, { d });
      expect((await run(owner, 'nope')).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deviceId' });
      expect((await run(owner, randomUUID())).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect((await run(stranger, device.id)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    expect(await devices()).toEqual(before);
  });

  it('rotates a key (the old one stops working) and revokes one', async () => {
    const fresh = await registerDevice(owner, 'rotating');
    const { rotateDeviceKey } = await owner.data('mutation($d: ID!) { rotateDeviceKey(deviceId: $d) { apiKey device { keyPrefix } } }', { d: fresh.id });
    expect(rotateDeviceKey.apiKey.startsWith(rotateDeviceKey.device.keyPrefix)).toBe(true);
    const reading = [{ deviceId: fresh.id, metric: 'x', value: 1, at: ago(1) }];
    // The old key was never shown to the router, so no 30 s cache answers for it.
    expect((await ingestAs(sg.url, fresh.apiKey, reading)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await ingestAs(sg.url, rotateDeviceKey.apiKey, reading)).data.ingestTelemetry.accepted).toBe(1);

    const revoked = await registerDevice(owner, 'revoked');
    const { revokeDeviceKey } = await owner.data('mutation($d: ID!) { revokeDeviceKey(deviceId: $d) { id keyPrefix } }', { d: revoked.id });
    expect(revokeDeviceKey).toEqual({ id: revoked.id, keyPrefix: null });
    expect((await ingestAs(sg.url, revoked.apiKey, [{ ...reading[0], deviceId: revoked.id }])).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
