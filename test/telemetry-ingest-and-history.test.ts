import { cleanupTestResources } from '@supergraph/testkit';
import { registerCustomer, startTestSupergraph, statementsPerSubgraph, type Client, type TestSupergraph } from './helpers/supergraph';
import { HISTORY, ingestAs, registerDevice, type ReadingInput } from './helpers/telemetry';

/**
 * A device sends 100,000 readings through the router with its own key, in batches of 5,000 (the
 * most a call takes, over the router's body limit), and its owner reads them back in hourly buckets.
 */
describe('telemetry: ingest through the router, history in buckets', () => {
  let sg: TestSupergraph;
  let owner: Client;

  beforeAll(async () => {
    sg = await startTestSupergraph({ seed: false });
    owner = await registerCustomer(sg.url, 'device-owner');
  }, 120_000);
  afterAll(async () => {
    await sg?.close();
    await cleanupTestResources();
  });

  it('stores 100,000 readings sent in batches of 5,000 and sums them per hour as the test does', async () => {
    const device = await registerDevice(owner);
    const end = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
    // One reading every 0.6 s over the ~17 hours before `end`, values that vary within each hour.
    const readings: ReadingInput[] = Array.from({ length: 100_000 }, (_, i) => ({
      deviceId: device.id,
      metric: 'power.watts',
      value: ((i * 7919) % 1000) / 10 - 20,
      at: new Date(end - (100_000 - i) * 600).toISOString(),
    }));
    for (let i = 0; i < readings.length; i += 5000) {
      const res = await ingestAs(sg.url, device.apiKey, readings.slice(i, i + 5000));
      expect(res.errors).toBeUndefined();
      expect(res.data.ingestTelemetry).toEqual({ accepted: 5000, rejected: 0, rejections: [] });
    }

    const expected = new Map<number, { min: number; max: number; sum: number; count: number }>();
    for (const r of readings) {
      const start = Math.floor(Date.parse(r.at) / 3_600_000) * 3_600_000;
      const b = expected.get(start) ?? { min: Infinity, max: -Infinity, sum: 0, count: 0 };
      expected.set(start, { min: Math.min(b.min, r.value), max: Math.max(b.max, r.value), sum: b.sum + r.value, count: b.count + 1 });
    }
    const res = await owner.data(HISTORY, { d: device.id, m: 'power.watts', from: readings[0].at, to: new Date(end + 1).toISOString(), b: 'HOUR' });
    expect(res.telemetry.map((b: { start: string }) => Date.parse(b.start))).toEqual([...expected.keys()]);
    res.telemetry.forEach((bucket: { start: string; min: number; max: number; avg: number; count: number }) => {
      const want = expected.get(Date.parse(bucket.start))!;
      expect(bucket).toMatchObject({ min: want.min, max: want.max, count: want.count });
      expect(bucket.avg).toBeCloseTo(want.sum / want.count, 9);
    });
    expect(res.telemetry.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(100_000);

    const latest = await owner.data('query($id: ID!) { device(id: $id) { metrics latest(metric: "power.watts") { value at } } }', { id: device.id });
    expect(latest.device).toEqual({ metrics: ['power.watts'], latest: { value: readings.at(-1)!.value, at: readings.at(-1)!.at } });
  }, 300_000);

  it('reads the latest value of every device on a page with one query, however many devices', async () => {
    const devices = [await registerDevice(owner, 'a'), await registerDevice(owner, 'b'), await registerDevice(owner, 'c')];
    const at = new Date(Date.now() - 1000).toISOString();
    for (const [i, d] of devices.entries()) await ingestAs(sg.url, d.apiKey, [{ deviceId: d.id, metric: 'temp', value: i, at }]);
    const query = () => owner.data('{ devices(first: 10) { edges { node { name latest(metric: "temp") { value } } } } }');
    const { devices: page } = await query();
    expect(page.edges.slice(0, 3).map((e: { node: unknown }) => e.node)).toEqual([
      { name: 'c', latest: { value: 2 } },
      { name: 'b', latest: { value: 1 } },
      { name: 'a', latest: { value: 0 } },
    ]);
    // The page, then every device's latest reading.
    expect((await statementsPerSubgraph(sg, query)).telemetry).toBe(2);
  });
});
