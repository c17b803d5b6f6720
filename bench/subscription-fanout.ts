// Subscription fan-out through our router: N graphql-ws clients (one socket each) subscribe to
// the same order, one status change is made, and every client's delivery latency is measured.
// Each event also resolves fields of two other subgraphs (customer from users, product from
// products). Prints p50/p99 and the supergraph process's memory per subscriber.
//
//   npm run bench:subscriptions -- 1000 5000
//
// The embedded supergraph (every subgraph and the router) runs in a child process on fresh PGlite
// data, so its memory can be read from /proc; the clients run in this process.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const ROOT = join(__dirname, '..');
const PORT = 4400;
const URL = `http://127.0.0.1:${PORT}/graphql`;
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const SIZES = sizes.length ? sizes : [1000];

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(URL, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-sub-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: join(ROOT, 'embedded'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(PORT), DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => String(chunk).includes('Supergraph ready') && resolve());
    child.once('exit', (code) => reject(new Error(`supergraph exited with ${code}`)));
  });
  try {
    const { login } = await gql('mutation { login(input: { email: "customer@example.com", password: "Demo-Password-1" }) { accessToken } }');
    const token: string = login.accessToken;
    const { products } = await gql('{ products(filter: { inStock: true }, first: 1) { edges { node { id } } } }');
    const productId = products.edges[0].node.id;
    console.log(`| subscribers | p50 ms | p99 ms | max ms | delivered | supergraph RSS per subscriber |`);
    console.log(`| --- | --- | --- | --- | --- | --- |`);
    for (const [round, n] of SIZES.entries()) {
      await gql('mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: productId }, token);
      const { checkout } = await gql('mutation($k: String!) { checkout(input: { idempotencyKey: $k }) { id } }', { k: `bench-${Date.now()}-${round}` }, token);
      for (let i = 0; i < 100; i++) {
        const { order } = await gql('query($id: ID!) { order(id: $id) { status } }', { id: checkout.id }, token);
        if (order.status !== 'PENDING') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const before = rssKb(child.pid!);
      const latencies: number[] = [];
      let sentAt = 0;
      let ready = 0;
      const clients = Array.from({ length: n }, () =>
        createClient({ url: URL.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 }),
      );
      const allReady = new Promise<void>((resolve) => {
        for (const client of clients) {
          let first = true;
          client.subscribe(
            { query: 'subscription($id: ID!) { orderStatusChanged(orderId: $id) { status customer { name } items { product { name price { amount } } } } }', variables: { id: checkout.id } },
            {
              next: (event: any) => {
                if (first) {
                  first = false;
                  if (++ready === n) resolve();
                  return;
                }
                if (event.data?.orderStatusChanged?.status === 'CANCELLED') latencies.push(performance.now() - sentAt);
              },
              error: () => {},
              complete: () => {},
            },
          );
        }
      });
      await allReady;
      const after = rssKb(child.pid!);
      sentAt = performance.now();
      await gql('mutation($id: ID!) { cancelOrder(id: $id) { status } }', { id: checkout.id }, token);
      const deadline = Date.now() + 30_000;
      while (latencies.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      latencies.sort((a, b) => a - b);
      console.log(
        `| ${n} | ${pct(latencies, 50)?.toFixed(1)} | ${pct(latencies, 99)?.toFixed(1)} | ${latencies.at(-1)?.toFixed(1)} | ${latencies.length}/${n} | ${(((after - before) * 1024) / n / 1024).toFixed(1)} KB |`,
      );
      await Promise.all(clients.map((c) => c.dispose()));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
