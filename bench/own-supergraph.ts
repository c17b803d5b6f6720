// Our router on our own supergraph: a query crossing four subgraph stages (users → orders →
// products ‖ users → users) through the router, versus the same subgraph calls made directly.
//
//   npm run bench:supergraph                          # c=1 and c=50, 10 s × 2 reps each
//   DURATION=20 REPS=3 CONNS=1,50,100 npm run bench:supergraph
//   CONFIGS=fast,stock npm run bench:supergraph       # which router configurations (see ROUTERS)
//
// Processes: the three subgraphs in one child process (bench/subscription-subgraphs.ts: fresh
// embedded PGlite data in a temp dir, demo data seeded), each router configuration in its own
// process (all started side by side on ROUTER_PORT+1…, idle while another is measured; its CPU and
// the subgraphs' CPU read from /proc), the load in this process. For each c, the targets are
// measured in turn, rep by rep (direct, then each router), so drift of the machine hits all alike.
//
// Method:
//  1. A capture router is started with a recording HTTP proxy (in this process) in front of each
//     subgraph. Through it the demo customer gets ORDERS orders of ITEMS items (products with 2–3
//     reviews by different demo users), all CONFIRMED; then the query is sent once and every
//     subgraph call it makes is recorded (URL, headers incl. the signed identity headers, body,
//     start/end). Calls that overlap in time form one stage (the plan's parallel node).
//  2. "router": the query through a fresh router (no proxy) with autocannon, c connections; every
//     response must equal the checked one byte for byte (autocannon `expectBody`, "mismatches").
//  3. "direct": one request = the captured calls replayed straight to the subgraphs, stage after
//     stage (calls of a stage in parallel), by a closed-loop runner with c workers on undici
//     keep-alive pools (as the router's). The identity headers are re-signed with the shared
//     secret at the start of each run (they expire after 5 minutes), as the router does. Every
//     response must be 200 without `errors`; before measuring, each replayed response is compared
//     with the one the router received.
//  The ratio router/direct is the router's RPS over direct's at the same concurrency.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { signViewerHeaders, VIEWER_HEADER, VIEWER_SIGNATURE_HEADER, type Viewer } from '@supergraph/auth';
import { children, gql, pct, routerUrl, SECRETS, sleep, startRouter, startSubgraphs, stop } from './lib';

const ROUTER_PORT = Number(process.env.ROUTER_PORT ?? 4410);
const ROUTER_URL = routerUrl(ROUTER_PORT);
const DURATION = Number(process.env.DURATION ?? 10);
const WARMUP = Number(process.env.WARMUP ?? 3);
const REPS = Number(process.env.REPS ?? 2);
const CONNS = (process.env.CONNS ?? '1,50').split(',').map(Number);
const ORDERS = Number(process.env.ORDERS ?? 10);
const ITEMS = Number(process.env.ITEMS ?? 3);
const REVIEWS = Number(process.env.REVIEWS ?? 5);
/** Router configurations: name → extra environment. */
const ROUTERS: Record<string, Record<string, string>> = {
  fast: {},
  'fast-nodedup': { SUBGRAPH_DEDUP: '0' },
  stock: { ROUTER_EXECUTOR: 'stock', SUBGRAPH_DEDUP: '0' },
};
const LABELS: Record<string, string> = {
  fast: 'router (fast executor, dedup on: default)',
  'fast-nodedup': 'router (fast executor, `SUBGRAPH_DEDUP=0`)',
  stock: 'router (`ROUTER_EXECUTOR=stock SUBGRAPH_DEDUP=0`: stock @apollo/gateway path)',
  direct: 'direct (captured subgraph calls, same stages)',
};
const CONFIGS = (process.env.CONFIGS ?? 'fast,fast-nodedup,stock').split(',').filter((c) => c in ROUTERS);
if (CONFIGS.length === 0) throw new Error(`CONFIGS: one or more of ${Object.keys(ROUTERS).join(', ')}`);

const QUERY = `query OwnSupergraph { me { orders(first: ${ORDERS}) { edges { node { items { product { name reviews(first: ${REVIEWS}) { edges { node { author { name } } } } } } customer { name } } } } } }`;

/** utime + stime of a process, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

// ---------------------------------------------------------------------------------------------
// Capture: a recording proxy in front of each subgraph.

interface Call {
  subgraph: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  start: number;
  end: number;
  status: number;
  response: string;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

function startProxy(subgraph: string, target: string, record: (call: Call) => void, recording: () => boolean): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = forwardable(req.headers);
      const start = performance.now();
      try {
        const upstream = await fetch(target, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
        const text = await upstream.text();
        const end = performance.now();
        if (recording()) record({ subgraph, url: target, headers, body, start, end, status: upstream.status, response: text });
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(text);
      } catch (error) {
        res.writeHead(502).end(String(error));
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` })));
}

function forwardable(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Calls that overlap in time are one stage (a parallel node of the plan); the next stage starts after the previous one ended. */
function stagesOf(calls: Call[]): Call[][] {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const stages: Call[][] = [];
  for (const call of sorted) {
    const current = stages[stages.length - 1];
    if (current && call.start < Math.min(...current.map((c) => c.end))) current.push(call);
    else stages.push([call]);
  }
  return stages;
}

// ---------------------------------------------------------------------------------------------
// Seeding.

async function login(url: string, email = 'customer@example.com'): Promise<string> {
  const { login } = await gql(url, 'mutation($e: String!) { login(input: { email: $e, password: "Demo-Password-1" }) { accessToken } }', { e: email });
  return login.accessToken;
}

async function seed(url: string, token: string) {
  const { products } = await gql(url, '{ products(filter: { inStock: true }, first: 100) { edges { node { id name reviewCount } } } }');
  const reviewed = (products.edges as { node: { id: string; reviewCount: number } }[]).map((e) => e.node).filter((p) => p.reviewCount >= 2);
  if (reviewed.length === 0) throw new Error('no reviewed products in stock');
  const orderIds: string[] = [];
  let n = 0;
  for (let o = 0; o < ORDERS; o++) {
    for (let i = 0; i < ITEMS; i++) {
      await gql(url, 'mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: reviewed[n++ % reviewed.length].id }, token);
    }
    const { checkout } = await gql(url, 'mutation($k: String!) { checkout(input: { idempotencyKey: $k }) { id } }', { k: `own-supergraph-bench-${o}` }, token);
    orderIds.push(checkout.id);
  }
  const until = Date.now() + 60_000;
  for (const id of orderIds) {
    for (;;) {
      const { order } = await gql(url, 'query($id: ID!) { order(id: $id) { status } }', { id }, token);
      if (order.status === 'CONFIRMED') break;
      if (order.status !== 'PENDING') throw new Error(`order ${id} became ${order.status}`);
      if (Date.now() > until) throw new Error('orders not confirmed within 60 s');
      await sleep(50);
    }
  }
  return { products: Math.min(reviewed.length, ORDERS * ITEMS) };
}

// ---------------------------------------------------------------------------------------------
// Measurement.

interface Row {
  c: number;
  target: string;
  rps: number;
  mean: number;
  p50: number;
  p99: number;
  routerCpu?: number;
  subgraphCpu: number;
  errors: number;
  bytes: number;
  stageP50?: number[];
}

interface RouterTarget {
  config: string;
  url: string;
  pid: number;
  /** The checked response: every response under load must equal it. */
  expected: string;
}

function routerOptions(router: RouterTarget, c: number, token: string) {
  return {
    url: router.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY }),
    expectBody: router.expected,
    connections: c,
    timeout: 30,
  };
}

/** One timed run of the query through a router with autocannon. */
async function measureRouter(router: RouterTarget, c: number, token: string, subgraphsPid: number): Promise<Row> {
  const r0 = cpuMs(router.pid);
  const s0 = cpuMs(subgraphsPid);
  const result = await autocannon({ ...routerOptions(router, c, token), duration: DURATION });
  const n = Math.max(1, result.requests.total);
  const row: Row = {
    c,
    target: router.config,
    rps: result.requests.total / DURATION,
    mean: result.latency.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    routerCpu: (cpuMs(router.pid) - r0) / n,
    subgraphCpu: (cpuMs(subgraphsPid) - s0) / n,
    errors: result.errors + result.timeouts + result.non2xx + result.mismatches,
    bytes: result.throughput.total / n,
  };
  log(`  ${router.config} c=${c}: ${row.rps.toFixed(1)} RPS, p50 ${row.p50} ms, router ${row.routerCpu!.toFixed(2)} ms/req, subgraphs ${row.subgraphCpu.toFixed(2)} ms/req, errors ${row.errors}`);
  return row;
}

function average(reps: Row[]): Row {
  const mean = (f: (r: Row) => number) => reps.reduce((s, r) => s + f(r), 0) / reps.length;
  return {
    ...reps[0],
    rps: mean((r) => r.rps),
    mean: mean((r) => r.mean),
    p50: mean((r) => r.p50),
    p99: mean((r) => r.p99),
    routerCpu: reps[0].routerCpu === undefined ? undefined : mean((r) => r.routerCpu!),
    subgraphCpu: mean((r) => r.subgraphCpu),
    errors: reps.reduce((s, r) => s + r.errors, 0),
    bytes: mean((r) => r.bytes),
    stageP50: reps[0].stageP50?.map((_, i) => mean((r) => r.stageP50![i])),
  };
}

/** The captured calls with freshly signed identity headers (as the router re-signs them). */
function resigned(stages: Call[][]): Call[][] {
  const now = Date.now();
  return stages.map((stage) =>
    stage.map((call) => {
      const value = call.headers[VIEWER_HEADER];
      if (!value) return call;
      const { iat: _iat, ...viewer } = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Viewer & { iat: number };
      return { ...call, headers: { ...call.headers, ...signViewerHeaders(viewer, SECRETS.IDENTITY_SECRET, now) } };
    }),
  );
}

const pools = new Map<string, Pool>();
function pool(origin: string): Pool {
  let p = pools.get(origin);
  if (!p) pools.set(origin, (p = new Pool(origin, { connections: 128, pipelining: 1, keepAliveTimeout: 30_000 })));
  return p;
}

async function send(call: Call): Promise<{ status: number; body: string }> {
  const url = new URL(call.url);
  const res = await pool(url.origin).request({ path: url.pathname, method: 'POST', headers: call.headers, body: call.body });
  return { status: res.statusCode, body: await res.body.text() };
}

/** c workers, each replaying all stages in a loop for `seconds`. */
async function replay(captured: Call[][], c: number, seconds: number) {
  const stages = resigned(captured);
  const latencies: number[] = [];
  const stageTimes: number[][] = stages.map(() => []);
  let errors = 0;
  let bytes = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      let t = t0;
      let ok = true;
      for (let s = 0; s < stages.length; s++) {
        const responses = await Promise.all(stages[s].map(send));
        for (const r of responses) {
          bytes += r.body.length;
          if (r.status !== 200 || r.body.includes('"errors"')) ok = false;
        }
        const now = performance.now();
        stageTimes[s].push(now - t);
        t = now;
      }
      if (ok) latencies.push(t - t0);
      else errors++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: c }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  for (const times of stageTimes) times.sort((a, b) => a - b);
  const done = latencies.length + errors;
  return { done, elapsed, latencies, errors, bytes: bytes / Math.max(1, done), stageP50: stageTimes.map((times) => pct(times, 50)) };
}

/** One timed run of the captured calls replayed directly. */
async function measureDirect(captured: Call[][], c: number, subgraphsPid: number): Promise<Row> {
  const s0 = cpuMs(subgraphsPid);
  const r = await replay(captured, c, DURATION);
  const n = Math.max(1, r.done);
  const row: Row = {
    c,
    target: 'direct',
    rps: r.done / r.elapsed,
    mean: r.latencies.reduce((s, v) => s + v, 0) / Math.max(1, r.latencies.length),
    p50: pct(r.latencies, 50),
    p99: pct(r.latencies, 99),
    subgraphCpu: (cpuMs(subgraphsPid) - s0) / n,
    errors: r.errors,
    bytes: r.bytes,
    stageP50: r.stageP50,
  };
  log(
    `  direct c=${c}: ${row.rps.toFixed(1)} RPS, p50 ${row.p50.toFixed(1)} ms, stages p50 ${r.stageP50.map((v) => v.toFixed(1)).join(' + ')} ms, subgraphs ${row.subgraphCpu.toFixed(2)} ms/req, errors ${r.errors}`,
  );
  return row;
}

const log = (line: string) => process.stderr.write(line + '\n');

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'own-supergraph-bench-'));
  const servers: Server[] = [];
  const cleanup = async () => {
    for (const server of servers) server.close();
    await Promise.all([...pools.values()].map((p) => p.close().catch(() => undefined)));
    for (const child of children.reverse()) await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  process.once('SIGTERM', () => void cleanup().then(() => process.exit(143)));
  try {
    log(
      `own-supergraph bench: ${ORDERS} orders × ${ITEMS} items, reviews(first: ${REVIEWS}); c=${CONNS.join(',')}, ${DURATION} s × ${REPS} reps (+${WARMUP} s warm-up); configs ${CONFIGS.join(', ')}`,
    );
    const { child: subgraphs, urls } = await startSubgraphs(dataDir);
    log(`subgraphs: ${JSON.stringify(urls)} (pid ${subgraphs.pid})`);

    // 1. Capture router behind recording proxies; seed through it; record the query's subgraph calls.
    const calls: Call[] = [];
    let recording = false;
    const proxied: Record<string, string> = {};
    for (const [name, url] of Object.entries(urls)) {
      const proxy = await startProxy(
        name,
        url,
        (call) => calls.push(call),
        () => recording,
      );
      servers.push(proxy.server);
      proxied[name] = proxy.url;
    }
    const captureRouter = await startRouter(proxied, ROUTER_PORT);
    let token = await login(ROUTER_URL);
    const seeded = await seed(ROUTER_URL, token);
    recording = true;
    const captureRes = await fetch(ROUTER_URL, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: QUERY }) });
    const captureText = await captureRes.text();
    recording = false;
    await stop(captureRouter);
    const captured = JSON.parse(captureText) as { data?: any; errors?: unknown };
    if (captureRes.status !== 200 || captured.errors || !captured.data) throw new Error(`query failed: ${captureText.slice(0, 500)}`);
    const dataHash = hash(JSON.stringify(captured.data));
    const orders = captured.data.me.orders.edges;
    const reviewsSeen = orders.flatMap((o: any) => o.node.items.flatMap((i: any) => i.product.reviews.edges)).length;
    const authors = new Set(orders.flatMap((o: any) => o.node.items.flatMap((i: any) => i.product.reviews.edges.map((e: any) => e.node.author.name))));
    log(`query: ${orders.length} orders, ${reviewsSeen} reviews by ${authors.size} authors, ${captureText.length} bytes, dataHash ${dataHash} (${seeded.products} distinct reviewed products)`);
    const stages = stagesOf(calls);
    const plan = stages.map((stage, i) => `stage ${i + 1}: ${stage.map((c) => `${c.subgraph} (${c.body.length} B → ${c.response.length} B, ${(c.end - c.start).toFixed(1)} ms)`).join(' ‖ ')}`);
    log(`captured ${calls.length} subgraph calls in ${stages.length} stages:\n  ${plan.join('\n  ')}`);
    for (const call of calls) {
      if (call.status !== 200 || call.response.includes('"errors"')) throw new Error(`captured call to ${call.subgraph} failed: ${call.response.slice(0, 300)}`);
      if (!call.headers[VIEWER_HEADER] && call.subgraph !== 'products') log(`  note: call to ${call.subgraph} has no identity headers`);
    }
    log(
      `  identity headers on: ${calls
        .filter((c) => c.headers[VIEWER_HEADER] && c.headers[VIEWER_SIGNATURE_HEADER])
        .map((c) => c.subgraph)
        .join(', ')}`,
    );

    // The replay returns what the router received.
    for (const stage of resigned(stages)) {
      for (const call of stage) {
        const r = await send(call);
        const same = r.body === call.response;
        const sameJson = same || hash(JSON.stringify(JSON.parse(r.body))) === hash(JSON.stringify(JSON.parse(call.response)));
        if (r.status !== 200 || !sameJson) throw new Error(`replayed call to ${call.subgraph} differs: ${r.body.slice(0, 300)}`);
      }
    }
    log('replayed calls answer byte for byte what the router received');

    // 2. Measure.
    // Every router configuration runs side by side (idle while another is measured), so that the
    // targets can be measured in turn, rep by rep: drift of the shared machine hits all alike.
    const routers: RouterTarget[] = [];
    for (const [i, config] of CONFIGS.entries()) {
      const port = ROUTER_PORT + 1 + i;
      const child = await startRouter(urls, port, ROUTERS[config]);
      const url = routerUrl(port);
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: QUERY }) });
      const text = await res.text();
      const body = JSON.parse(text) as { data?: unknown; errors?: unknown };
      if (res.status !== 200 || body.errors) throw new Error(`${config}: query failed: ${text.slice(0, 500)}`);
      const h = hash(JSON.stringify(body.data));
      log(`${config} (pid ${child.pid}): response ${text.length} bytes, no errors, dataHash ${h}`);
      if (h !== dataHash) throw new Error(`${config}: dataHash ${h} differs from ${dataHash}`);
      routers.push({ config, url, pid: child.pid!, expected: text });
    }
    // The subgraphs warm up (JIT, PGlite caches) before the first timed run.
    await replay(stages, Math.max(...CONNS), 2 * WARMUP);
    const reps: Row[] = [];
    for (const c of CONNS) {
      token = await login(routers[0].url); // a fresh token (15 min) for each round
      await replay(stages, c, WARMUP);
      for (const router of routers) await autocannon({ ...routerOptions(router, c, token), duration: WARMUP });
      for (let rep = 0; rep < REPS; rep++) {
        log(`c=${c}, rep ${rep + 1}/${REPS}`);
        reps.push(await measureDirect(stages, c, subgraphs.pid!));
        for (const router of routers) reps.push(await measureRouter(router, c, token, subgraphs.pid!));
      }
    }
    const rows: Row[] = [];
    for (const c of CONNS) {
      for (const target of ['direct', ...CONFIGS]) rows.push(average(reps.filter((r) => r.c === c && r.target === target)));
    }

    // 3. Report.
    console.log(
      `\nQuery (dataHash ${dataHash}, ${captureText.length} bytes; ${calls.length} subgraph calls in ${stages.length} stages: ${stages.map((s) => s.map((c) => c.subgraph).join(' ‖ ')).join(' → ')}):\n\n    ${QUERY}\n`,
    );
    console.log(`${DURATION} s × ${REPS} reps (means), ${WARMUP} s warm-up; CPU ms/req from /proc (router process; subgraphs: the one process running all three).\n`);
    console.log('| c | target | RPS | × direct | mean ms | p50 ms | p99 ms | router CPU ms/req | subgraphs CPU ms/req | errors | bytes/req (direct: all subgraph responses) |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const c of CONNS) {
      const direct = rows.find((r) => r.c === c && r.target === 'direct')!;
      for (const r of rows.filter((row) => row.c === c)) {
        console.log(
          `| ${c} | ${LABELS[r.target]} | ${r.rps.toFixed(1)} | ${(r.rps / direct.rps).toFixed(2)} | ${r.mean.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.routerCpu === undefined ? '–' : r.routerCpu.toFixed(2)} | ${r.subgraphCpu.toFixed(2)} | ${r.errors} | ${Math.round(r.bytes)} |`,
        );
      }
    }
    console.log('\nDirect, p50 per stage (ms):');
    for (const r of rows.filter((row) => row.target === 'direct')) {
      console.log(`  c=${r.c}: ${r.stageP50!.map((v, i) => `${stages[i].map((c) => c.subgraph).join('‖')} ${v.toFixed(2)}`).join(' + ')} (sum ${r.stageP50!.reduce((s, v) => s + v, 0).toFixed(2)})`);
    }
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
