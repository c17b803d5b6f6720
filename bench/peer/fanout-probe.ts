// Subscription fan-out probe: N graphql-ws clients subscribe to `tick` through a gateway, the
// events subgraph publishes E ticks, and every delivery's latency (arrival − the tick's sentAt,
// both wall-clock ms on this machine) is recorded. Prints one JSON line. Warm-up ticks, sent until
// every client has had one, are not measured.
//
//   tsx bench/peer/fanout-probe.ts <gateway ws url> <events subgraph http origin> N E [--entity]
//
// --entity also selects `product { upc name price inStock }`: the gateway must fetch name/price from
// products and inStock from inventory for each tick. EMIT_MS (250) is the pause between ticks.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const [url, events, nArg = '1000', eArg = '20'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const N = Number(nArg);
const E = Number(eArg);
const ENTITY = process.argv.includes('--entity');
const EMIT_MS = Number(process.env.EMIT_MS ?? 250);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const query = ENTITY ? 'subscription { tick { seq sentAt product { upc name price inStock } } }' : 'subscription { tick { seq sentAt } }';

async function main() {
  const latencies: number[] = [];
  const warmedUp = new Array<boolean>(N).fill(false);
  let firstMeasuredSeq = Infinity;
  let errors = 0;
  let firstError: string | undefined;
  let incomplete = 0;
  const fail = (e: unknown) => {
    errors++;
    firstError ??= typeof e === 'string' ? e : (JSON.stringify(e) ?? String(e));
  };
  const clients: Client[] = [];
  for (let i = 0; i < N; i++) {
    const client = createClient({ url, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, onNonLazyError: fail });
    clients.push(client);
    client.subscribe<{ tick: { seq: number; sentAt: number; product?: { name: string | null; inStock: boolean | null } } }>(
      { query },
      {
        next: (r) => {
          if (r.errors) return fail(r.errors);
          const tick = r.data!.tick;
          if (tick.seq < firstMeasuredSeq) return void (warmedUp[i] = true);
          // An entity tick without its product's fields is a failed delivery, not a fast one.
          if (ENTITY && (tick.product?.name == null || tick.product.inStock == null)) incomplete++;
          latencies.push(now() - tick.sentAt);
        },
        error: (e) => fail(e instanceof Error ? e.message : ((e as { reason?: string }).reason ?? e)),
        complete: () => {},
      },
    );
  }
  const emit = async () => ((await (await fetch(`${events}/emit`, { method: 'POST' })).json()) as { seq: number }).seq;
  // Warm-up: ticks (not measured) until every client has received one, 120 s at most, so that
  // every subscription is in place end to end before the measured ticks, however slowly a gateway
  // sets them up on a busy machine.
  let lastWarmupSeq = 0;
  for (const until = Date.now() + 120_000; warmedUp.some((w) => !w) && Date.now() < until;) {
    lastWarmupSeq = await emit();
    // One tick at a time: give each up to 5 s to reach everyone rather than piling up a backlog.
    for (const next = Date.now() + 5000; warmedUp.some((w) => !w) && Date.now() < next;) await sleep(100);
  }
  const warm = warmedUp.filter(Boolean).length;
  await sleep(1000);
  const upstream = (await (await fetch(`${events}/stats`)).json()) as { subscriptions: number };
  firstMeasuredSeq = lastWarmupSeq + 1;
  for (let e = 0; e < E; e++) {
    await emit();
    await sleep(EMIT_MS);
  }
  // Until every delivery has arrived, or none has for 15 s (120 s at most): a backlog is late, not lost.
  const drainStart = now();
  for (let last = -1, still = 0; latencies.length < N * E && still < 150 && now() - drainStart < 120_000;) {
    await sleep(100);
    still = latencies.length === last ? still + 1 : 0;
    last = latencies.length;
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? +latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1) : null);
  console.log(
    JSON.stringify({
      subscribers: N,
      warm,
      events: E,
      emitMs: EMIT_MS,
      entity: ENTITY,
      upstreamSubscriptions: upstream.subscriptions,
      delivered: latencies.length,
      expected: N * E,
      errors,
      incomplete,
      firstError: firstError?.slice(0, 300),
      p50: pct(50),
      p90: pct(90),
      p99: pct(99),
      max: latencies.length ? +latencies[latencies.length - 1].toFixed(1) : null,
    }),
  );
  await Promise.all(clients.map((c) => c.dispose()));
  process.exit(0);
}

void main();
