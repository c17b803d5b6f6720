// Subscription fan-out through our router: N subscribers to `orderStatusChanged`, one status
// change (a cancellation), every subscriber's delivery latency measured. Each event also resolves
// fields of two other subgraphs (customer from users, items' products from products).
//
//   npm run bench:subscriptions                       # same + distinct at 1000 5000 10000, sse + multipart at 1000
//   npm run bench:subscriptions -- 1000 5000 --scenarios=same,distinct --http-n=1000
//
// Scenarios:
//   same      N graphql-ws clients, one order, one customer's token: one shared upstream
//             subscription, each event resolved once and fanned out to N sockets.
//   distinct  N graphql-ws clients spread over K distinct orders (K = min(N, DISTINCT_ORDERS=100),
//             N/K clients each; real orders made by checkout, owned by 3 demo customers): K
//             upstream subscriptions, K cancellations sent at once, K events each resolved once.
//             Latency is counted from the moment the K cancellations are sent.
// Latency (p50/p99/max) is from sending the cancellation(s) to the CANCELLED event at the client;
// the notes add it counted from the cancelOrder response instead (the change is committed and
// announced before the mutation answers), which leaves out the mutation's own round trip.
//   sse       as `same`, over graphql-sse (POST with Accept: text/event-stream), one request each.
//   multipart as `same`, over Apollo's multipart protocol (Accept: multipart/mixed;subscriptionSpec="1.0").
//
// Processes: the three subgraphs in one child process (fresh PGlite data, in-process events), the
// router in its own process (started afresh for each row, so "router RSS per subscriber" is the
// router's RSS with the N subscribers minus its RSS just before they connect, divided by N), and
// the clients in CLIENT_PROCS (default 2) forked processes, so that their CPU is spread and their
// memory is not counted. Every socket is one file descriptor: 10,000 subscribers need `ulimit -n`
// above 10,000 in the router and ~5,000 per client process (the limit here is 20,000).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { children, gql, now, pct, routerUrl, sleep, startRouter, startSubgraphs, stop } from './lib';
import type { FromClients, Protocol, ToClients } from './subscription-clients';

const ROUTER_PORT = Number(process.env.ROUTER_PORT ?? 4400);
const URL = routerUrl(ROUTER_PORT);
const CLIENT_PROCS = Number(process.env.CLIENT_PROCS ?? 2);
const DISTINCT_ORDERS = Number(process.env.DISTINCT_ORDERS ?? 100);
// BARE_EVENT=1: only the orders subgraph's own field (no entity fetches), to see what the entity fields cost.
const QUERY = process.env.BARE_EVENT
  ? 'subscription($id: ID!) { orderStatusChanged(orderId: $id) { status } }'
  : 'subscription($id: ID!) { orderStatusChanged(orderId: $id) { status customer { name } items { product { name price { amount } } } } }';

const argv = process.argv.slice(2);
const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const sizes = argv.filter((a) => /^\d+$/.test(a)).map(Number);
const SIZES = sizes.length ? sizes : [1000, 5000, 10000];
const SCENARIOS = (option('scenarios') ?? 'same,distinct,sse,multipart').split(',');
const HTTP_N = Number(option('http-n') ?? 1000);

type Scenario = 'same' | 'distinct' | 'sse' | 'multipart';
const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(1));

/** K confirmed orders, spread over the demo customers (each checks out its share in turn). */
async function createOrders(k: number, run: string): Promise<{ orderId: string; token: string }[]> {
  const emails = ['customer@example.com', 'alice@example.com', 'bob@example.com'];
  const tokens: string[] = [];
  for (const email of emails) {
    const { login } = await gql(URL, 'mutation($e: String!) { login(input: { email: $e, password: "Demo-Password-1" }) { accessToken } }', { e: email });
    tokens.push(login.accessToken);
  }
  const { products } = await gql(URL, '{ products(filter: { inStock: true }, first: 50) { edges { node { id } } } }');
  const productIds: string[] = products.edges.map((e: any) => e.node.id);
  const perCustomer = tokens.map((token, c) => ({ token, count: Math.floor(k / tokens.length) + (c < k % tokens.length ? 1 : 0) }));
  const orders: { orderId: string; token: string }[] = [];
  let made = 0;
  await Promise.all(
    perCustomer.map(async ({ token, count }, c) => {
      for (let i = 0; i < count; i++) {
        const productId = productIds[(made++ * 7) % productIds.length];
        await gql(URL, 'mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: productId }, token);
        const { checkout } = await gql(URL, 'mutation($k: String!) { checkout(input: { idempotencyKey: $k }) { id } }', { k: `bench-${run}-${c}-${i}` }, token);
        orders.push({ orderId: checkout.id, token });
      }
    }),
  );
  const until = Date.now() + 60_000;
  for (const order of orders) {
    for (;;) {
      const { order: o } = await gql(URL, 'query($id: ID!) { order(id: $id) { status } }', { id: order.orderId }, order.token);
      if (o.status === 'CONFIRMED') break;
      if (o.status !== 'PENDING') throw new Error(`order ${order.orderId} became ${o.status}`);
      if (Date.now() > until) throw new Error('orders not confirmed within 60 s');
      await sleep(50);
    }
  }
  return orders;
}

/** Whether this router build streams subscriptions over the given HTTP protocol. */
async function httpProtocolAvailable(protocol: 'sse' | 'multipart', order: { orderId: string; token: string }): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    const res = await fetch(URL, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: protocol === 'sse' ? 'text/event-stream' : 'multipart/mixed;subscriptionSpec="1.0", application/json',
        authorization: `Bearer ${order.token}`,
      },
      body: JSON.stringify({ query: QUERY, variables: { id: order.orderId } }),
      signal: controller.signal,
    });
    const type = res.headers.get('content-type') ?? '';
    controller.abort();
    return res.ok && (protocol === 'sse' ? type.startsWith('text/event-stream') : type.startsWith('multipart/mixed'));
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

interface Row {
  scenario: string;
  n: number;
  latencies: number[];
  /** Latency from the response to the subscriber's own order's cancellation (the change committed and announced). */
  afterCommit?: number[];
  errors: number;
  firstError?: string;
  rssBeforeKb: number;
  rssAfterKb: number;
  connectSeconds: number;
  note?: string;
}

async function measure(scenario: Scenario, n: number, subgraphs: Record<string, string>, run: string): Promise<Row> {
  const router = await startRouter(subgraphs, ROUTER_PORT);
  const procs: ChildProcess[] = [];
  try {
    const k = scenario === 'distinct' ? Math.min(n, DISTINCT_ORDERS) : 1;
    const orders = await createOrders(k, run);
    const label = scenario === 'distinct' ? `distinct (${k} orders × ${n / k})` : scenario === 'same' ? 'same (1 order)' : `same (1 order), ${scenario}`;
    if ((scenario === 'sse' || scenario === 'multipart') && !(await httpProtocolAvailable(scenario, orders[0]))) {
      return { scenario: label, n, latencies: [], errors: 0, rssBeforeKb: 0, rssAfterKb: 0, connectSeconds: 0, note: `the router does not serve ${scenario} subscriptions in this build` };
    }
    const protocol: Protocol = scenario === 'sse' || scenario === 'multipart' ? scenario : 'ws';
    // Subscribers per order, then per client process.
    const perOrder = orders.map((o, i) => ({ ...o, count: Math.floor(n / k) + (i < n % k ? 1 : 0) }));
    const shares = Array.from({ length: CLIENT_PROCS }, (_, p) =>
      perOrder.map((o) => ({ ...o, count: Math.floor(o.count / CLIENT_PROCS) + (p < o.count % CLIENT_PROCS ? 1 : 0) })).filter((o) => o.count > 0),
    );
    await sleep(1000);
    const rssBeforeKb = rssKb(router.pid!);
    const delivered = new Array<number>(CLIENT_PROCS).fill(0);
    const connectStart = now();
    const readies = await Promise.all(
      shares.map(
        (groups, p) =>
          new Promise<Extract<FromClients, { type: 'ready' }>>((resolve) => {
            const proc = fork(join(__dirname, 'subscription-clients.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
            procs.push(proc);
            children.push(proc);
            proc.on('message', (m: FromClients) => {
              if (m.type === 'ready') resolve(m);
              if (m.type === 'delivered') delivered[p] = m.count;
            });
            proc.send({ type: 'open', url: URL, protocol, query: QUERY, groups } satisfies ToClients);
          }),
      ),
    );
    const connectSeconds = (now() - connectStart) / 1000;
    const ready = readies.reduce((s, r) => s + r.ready, 0);
    await sleep(1000);
    const rssAfterKb = rssKb(router.pid!);
    const sentAt = now();
    const committedAt = new Map<string, number>();
    await Promise.all(
      orders.map(async (o) => {
        await gql(URL, 'mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id: o.orderId }, o.token);
        committedAt.set(o.orderId, now());
      }),
    );
    const deadline = Date.now() + 60_000;
    let last = -1;
    let stillSince = Date.now();
    for (;;) {
      const total = delivered.reduce((a, b) => a + b, 0);
      if (total >= ready || Date.now() > deadline) break;
      if (total !== last) {
        last = total;
        stillSince = Date.now();
      } else if (Date.now() - stillSince > 10_000) break;
      await sleep(20);
    }
    const collected = await Promise.all(
      procs.map(
        (proc) =>
          new Promise<Extract<FromClients, { type: 'times' }>>((resolve) => {
            proc.on('message', (m: FromClients) => m.type === 'times' && resolve(m));
            proc.send({ type: 'collect' } satisfies ToClients);
          }),
      ),
    );
    const latencies = collected.flatMap((c) => c.times.map(([, t]) => t - sentAt)).sort((a, b) => a - b);
    const afterCommit = collected.flatMap((c) => c.times.map(([id, t]) => t - committedAt.get(id)!)).sort((a, b) => a - b);
    const errors = collected.reduce((s, c) => s + c.errors, 0) + readies.reduce((s, r) => s + r.failed, 0);
    const firstError = readies.find((r) => r.firstError)?.firstError ?? collected.find((c) => c.firstError)?.firstError;
    return { scenario: label, n, latencies, afterCommit, errors, firstError, rssBeforeKb, rssAfterKb, connectSeconds };
  } finally {
    for (const proc of procs) if (proc.connected) proc.send({ type: 'close' } satisfies ToClients);
    await Promise.all(procs.map((p) => Promise.race([new Promise((r) => p.once('exit', r)), sleep(5000).then(() => stop(p))])));
    await stop(router);
  }
}

function print(row: Row) {
  if (row.note) {
    console.log(`| ${row.scenario} | ${row.n} | – | – | – | – | – | ${row.note} |`);
    return;
  }
  const perSub = ((row.rssAfterKb - row.rssBeforeKb) / row.n).toFixed(1);
  const errors = row.errors ? `; ${row.errors} errors (${row.firstError?.slice(0, 80)})` : '';
  const commit = row.afterCommit?.length ? `; after the cancel response: p50 ${ms(pct(row.afterCommit, 50))}, p99 ${ms(pct(row.afterCommit, 99))}` : '';
  console.log(
    `| ${row.scenario} | ${row.n} | ${ms(pct(row.latencies, 50))} | ${ms(pct(row.latencies, 99))} | ${ms(row.latencies.at(-1))} | ${row.latencies.length}/${row.n} | ${perSub} KB (${(row.rssBeforeKb / 1024).toFixed(0)} → ${(row.rssAfterKb / 1024).toFixed(0)} MB) | subscribed in ${row.connectSeconds.toFixed(1)} s${commit}${errors} |`,
  );
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-sub-'));
  const cleanup = async () => {
    await Promise.all(children.map(stop));
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  process.once('SIGTERM', () => void cleanup().then(() => process.exit(143)));
  try {
    const { urls: subgraphs } = await startSubgraphs(dataDir);
    const plan: [Scenario, number][] = [];
    for (const n of SIZES) for (const s of ['same', 'distinct'] as const) if (SCENARIOS.includes(s)) plan.push([s, n]);
    for (const s of ['sse', 'multipart'] as const) if (SCENARIOS.includes(s)) plan.push([s, HTTP_N]);
    console.log(`Subscription fan-out through the router (${cpus().length} cores, node ${process.version}, ${CLIENT_PROCS} client processes, ${new Date().toISOString().slice(0, 16)}Z)`);
    console.log('');
    console.log('| scenario | subscribers | p50 ms | p99 ms | max ms | delivered/N | router RSS per subscriber (idle → with N) | notes |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [i, [scenario, n]] of plan.entries()) print(await measure(scenario, n, subgraphs, `${Date.now()}-${i}`));
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
