import { rejection, type Client, type SdkFixture } from '../helpers/sdk-fixture';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The embedded default's seeded device of customer@example.com (docs/telemetry.md). */
const GREENHOUSE = '00000000-0000-4000-8000-0000000000d1';

/** A reading a minute of `temperature` over the three whole hours before the current one. */
function readingsOf(deviceId: string, from: number) {
  return Array.from({ length: 180 }, (_, minute) => ({ deviceId, metric: 'temperature', value: 18 + ((minute * 7) % 11) / 2, at: new Date(from + minute * MINUTE).toISOString() }));
}

/** min, max, avg and count per UTC hour, as the API's HOUR buckets should have them. */
function hourlyBuckets(readings: { value: number; at: string }[]) {
  const buckets = new Map<string, number[]>();
  for (const { value, at } of readings) {
    const start = new Date(Math.floor(Date.parse(at) / HOUR) * HOUR).toISOString();
    buckets.set(start, [...(buckets.get(start) ?? []), value]);
  }
  return [...buckets].map(([start, values]) => ({
    start,
    min: Math.min(...values),
    max: Math.max(...values),
    avg: values.reduce((sum, value) => sum + value, 0) / values.length,
    count: values.length,
  }));
}

/** Ingests one `temperature` reading a few seconds apart until `seen` settles (a subscription has no current state to wait for). */
async function ingestUntil(device: Client, deviceId: string, seen: Promise<unknown>) {
  let settled = false;
  const settle = () => (settled = true);
  seen.then(settle, settle);
  const sent: number[] = [];
  for (let attempt = 0; !settled && attempt < 40; attempt++) {
    const value = 100 + attempt;
    await device.ingestTelemetry({ readings: [{ deviceId, metric: 'temperature', value, at: new Date().toISOString() }] });
    sent.push(value);
    await Promise.race([seen, new Promise((resolve) => setTimeout(resolve, 300))]);
  }
  return sent;
}

export function describeTelemetry(fixture: SdkFixture) {
  describe('telemetry: a device of the demo customer', () => {
    let owner: Client;
    let device: Client;
    let deviceId: string;

    beforeAll(async () => {
      owner = fixture.client({ token: (await fixture.signIn('customer@example.com')).accessToken, subscriptionTransport: 'websocket' });
      const { registerDevice } = await owner.registerDevice({ input: { name: 'SDK test sensor', kind: 'thermometer' } });
      deviceId = registerDevice.device.id;
      device = fixture.client({ apiKey: registerDevice.apiKey, subscriptionTransport: 'websocket' });
    });

    it('ingests in batches with its key, reports bad readings at their index, and the hourly history matches', async () => {
      const from = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
      const good = readingsOf(deviceId, from);
      const readings = [
        ...good.slice(0, 7),
        { deviceId, metric: '9-not-a-metric', value: 1, at: good[0].at },
        ...good.slice(7, 120),
        { deviceId, metric: 'temperature', value: 1, at: new Date(Date.now() + HOUR).toISOString() },
        ...good.slice(120),
      ];
      const summary = await fixture.installed.sdk.ingestReadings(device, readings, { batchSize: 50 });
      expect(summary).toEqual({
        calls: 4,
        accepted: 180,
        rejected: 2,
        rejections: [expect.objectContaining({ index: 7, code: 'INVALID_METRIC' }), expect.objectContaining({ index: 121, code: 'IN_FUTURE' })],
      });

      const { telemetry } = await owner.telemetry({ deviceId, metric: 'temperature', from: new Date(from).toISOString(), to: new Date(from + 3 * HOUR).toISOString(), bucket: 'HOUR' });
      const expected = hourlyBuckets(good);
      expect(telemetry.map(({ start, min, max, count }) => ({ start: new Date(start).toISOString(), min, max, count }))).toEqual(expected.map(({ avg: _avg, ...rest }) => rest));
      telemetry.forEach((bucket, i) => expect(bucket.avg).toBeCloseTo(expected[i].avg, 9));

      // A resent batch stores nothing twice: accepted again, the history unchanged.
      const again = await fixture.installed.sdk.ingestReadings(
        device,
        good.slice(0, 60).map((reading) => ({ ...reading, value: -1 })),
      );
      expect(again).toMatchObject({ accepted: 60, rejected: 0, calls: 1 });
      const after = await owner.telemetry({ deviceId, metric: 'temperature', from: new Date(from).toISOString(), to: new Date(from + HOUR).toISOString(), bucket: 'HOUR' });
      expect(after.telemetry).toEqual(telemetry.slice(0, 1));

      const { device: read } = await owner.device({ id: deviceId, metric: 'temperature' });
      expect(read).toMatchObject({ id: deviceId, metrics: ['temperature'], latest: { metric: 'temperature', value: good[179].value } });
      expect(new Date(read!.latest!.at).toISOString()).toBe(good[179].at);
    });

    it("streams a new reading to the owner's telemetryUpdated subscription", async () => {
      const live = owner.telemetryUpdated({ deviceId, metrics: ['temperature'] });
      const first = live.next();
      const sent = await ingestUntil(device, deviceId, first);
      const { value } = await first;
      expect(value?.telemetryUpdated).toMatchObject({ deviceId, metric: 'temperature' });
      expect(sent).toContain(value?.telemetryUpdated.value);
      live.unsubscribe();
    }, 30_000);

    it("cannot read the owner's other data with the device's key", async () => {
      expect((await device.device({ id: GREENHOUSE, metric: 'temperature' })).device).toBeNull();
      const history = await rejection(
        fixture,
        device.telemetry({ deviceId: GREENHOUSE, metric: 'temperature', from: new Date(Date.now() - HOUR).toISOString(), to: new Date().toISOString(), bucket: 'MINUTE' }),
      );
      expect(history.code).toBe('NOT_FOUND');
      expect((await device.devices({ metric: 'temperature' })).devices.edges.map(({ node }) => node.id)).toEqual([deviceId]);
      expect((await rejection(fixture, device.backupAgents())).code).toBe('UNAUTHENTICATED');
      expect((await rejection(fixture, device.registerDevice({ input: { name: 'minted by a key', kind: 'x' } }))).code).toBe('FORBIDDEN');
    });

    // A device's key speaks for its owner only in telemetry: every other subgraph sees no one.
    it('reads nothing of its owner elsewhere: no profile, no orders', async () => {
      expect((await device.myOrders({ first: 1 })).me).toBeNull();
      expect((await device.me()).me).toBeNull();
    });
  });
}
