import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { cleanupTestResources, eventually } from '@supergraph/testkit';
import { registerCustomer, startTestSupergraph, type Client, type TestSupergraph } from './helpers/supergraph';
import { ingestAs, registerDevice, type ReadingInput } from './helpers/telemetry';

const SUBSCRIPTION = 'subscription($d: ID!, $m: [String!]) { telemetryUpdated(deviceId: $d, metrics: $m) { deviceId metric value at } }';
const COALESCE_MS = 250;

interface Received {
  metric: string;
  value: number;
  t: number;
}

/** `telemetryUpdated` through the router's federated subscriptions, during a burst of thousands of readings a second. */
describe('telemetry: live readings, coalesced', () => {
  let sg: TestSupergraph;
  let owner: Client;
  const clients: WsClient[] = [];

  beforeAll(async () => {
    sg = await startTestSupergraph({ seed: false });
    owner = await registerCustomer(sg.url, 'watcher');
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await sg?.close();
    await cleanupTestResources();
  });

  function follow(deviceId: string, metrics: string[] | null) {
    const client = createClient({ url: sg.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${owner.token}` }, retryAttempts: 0, lazy: true });
    clients.push(client);
    const received: Received[] = [];
    const errors: unknown[] = [];
    client.subscribe(
      { query: SUBSCRIPTION, variables: { d: deviceId, m: metrics } },
      {
        next: (e) => {
          if (e.errors) errors.push(e.errors);
          const r = e.data?.telemetryUpdated as { metric: string; value: number } | undefined;
          if (r) received.push({ metric: r.metric, value: r.value, t: performance.now() });
        },
        error: (e) => void errors.push(e),
        complete: () => {},
      },
    );
    return { received, errors };
  }

  it('sends each subscriber at most one reading per metric every 250 ms, the newest last', async () => {
    const device = await registerDevice(owner);
    const both = follow(device.id, null);
    const tempOnly = follow(device.id, ['temp']);
    // Subscriptions carry no current state: a first reading tells when both are listening.
    let value = 0;
    const batch = (n: number): ReadingInput[] =>
      Array.from({ length: n }, () => {
        value++;
        const at = new Date(Date.now() - 60_000 + value).toISOString();
        return [
          { deviceId: device.id, metric: 'temp', value, at },
          { deviceId: device.id, metric: 'hum', value, at },
        ];
      }).flat();
    await eventually(async () => {
      await ingestAs(sg.url, device.apiKey, batch(1));
      return both.received.length > 0 && tempOnly.received.length > 0;
    });
    both.received.length = 0;
    tempOnly.received.length = 0;

    // A burst: batches of 400 readings back to back for two seconds, several calls in flight.
    const started = performance.now();
    let sent = 0;
    const sender = async () => {
      while (performance.now() - started < 2000) {
        const res = await ingestAs(sg.url, device.apiKey, batch(200));
        expect(res.data.ingestTelemetry.rejected).toBe(0);
        sent += 400;
      }
    };
    await Promise.all([sender(), sender(), sender()]);
    const duration = performance.now() - started;
    const newest = value;
    await eventually(async () => both.received.filter((r) => r.metric === 'temp').at(-1)?.value === newest && both.received.filter((r) => r.metric === 'hum').at(-1)?.value === newest, {
      timeoutMs: 5000,
      message: 'the newest reading of each metric',
    });
    await eventually(async () => tempOnly.received.at(-1)?.value === newest, { timeoutMs: 5000, message: 'the newest temp' });
    // Nothing arrives after the newest.
    await new Promise((resolve) => setTimeout(resolve, 2 * COALESCE_MS));

    expect(sent / (duration / 1000)).toBeGreaterThan(1000);
    expect(both.errors).toEqual([]);
    expect(tempOnly.received.every((r) => r.metric === 'temp')).toBe(true);
    const window = performance.now() - started;
    for (const [metric, received] of [
      ['temp', both.received.filter((r) => r.metric === 'temp')],
      ['hum', both.received.filter((r) => r.metric === 'hum')],
      ['temp', tempOnly.received],
    ] as const) {
      expect(received.at(-1)).toMatchObject({ metric, value: newest });
      const values = received.map((r) => r.value);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      // The subgraph spaces them at least 250 ms apart; the hop through the router (on a busy machine)
      // may delay one and so bring it nearer the next, never add any.
      expect(received.length).toBeLessThanOrEqual(Math.ceil(window / COALESCE_MS) + 1);
      expect(received.length).toBeGreaterThanOrEqual(3);
      const gaps = received
        .slice(1)
        .map((r, i) => r.t - received[i].t)
        .sort((a, b) => a - b);
      expect(gaps[Math.floor(gaps.length / 2)]).toBeGreaterThanOrEqual(COALESCE_MS - 25);
    }
  }, 60_000);
});
