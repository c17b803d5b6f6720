// How many orders per second the supergraph carries from checkout to PAID, and how long each takes.
//
//   npm run bench:orders                          # both modes: embedded (PGlite, in-process events) and services (PostgreSQL + Redis)
//   MODES=embedded CUSTOMERS=40 ORDERS=5 npm run bench:orders
//
// The supergraph (every subgraph and the router, as `npm start` runs it) is a child process
// (bench/lifecycle-supergraph.ts) on fresh data; this process is the customers. Each of CUSTOMERS
// customers has an address and buys ORDERS orders one after the other (add to cart, checkout with
// tok_visa, wait for PAID over graphql-ws), all customers at once. Latency: from sending the
// checkout to receiving the PAID event (orderStatusChanged sends the current state first, so an
// order already PAID when the subscription starts counts as of that moment). Throughput: orders
// that reached PAID / the time from the first checkout to the last PAID.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { children, gql, now, pct, ROOT, SECRETS, stop } from './lib';

const CUSTOMERS = Number(process.env.CUSTOMERS ?? 25);
const ORDERS = Number(process.env.ORDERS ?? 4);
const MODES = (process.env.MODES ?? 'embedded,services').split(',');

async function startSupergraph(mode: string, dataDir: string): Promise<{ url: string; events: string; database: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/lifecycle-supergraph.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, MODE: mode, DATA_DIR: dataDir, ...SECRETS },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`the supergraph exited with ${code}`)));
  });
}

async function customer(url: string, i: number) {
  const email = `bench-${i}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const { register } = await gql(url, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', { i: { email, password: 'long-enough-1', name: `bench ${i}` } });
  const token = register.accessToken as string;
  await gql(url, 'mutation { addAddress(input: { line1: "1 Main St", city: "Schenectady", postalCode: "12345", country: "US", isDefault: true }) { id } }', {}, token);
  return token;
}

async function run(mode: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-orders-'));
  const started = now();
  const supergraph = await startSupergraph(mode, dataDir);
  const { url } = supergraph;
  const admin = (await gql(url, 'mutation { login(input: { email: "admin@example.com", password: "Demo-Password-1" }) { accessToken } }')).login.accessToken;
  const categoryId = (await gql(url, '{ categories { id } }')).categories[0].id;
  const productId = (
    await gql(
      url,
      'mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }',
      { i: { name: 'Bench kettle', description: 'for the bench', price: 1999, categoryId, stock: 1_000_000, weightGrams: 800 } },
      admin,
    )
  ).createProduct.id;
  const tokens = await Promise.all(Array.from({ length: CUSTOMERS }, (_, i) => customer(url, i)));
  // Checkout reads the address from orders' read model, fed by users' events: let the last of the
  // registrations' events arrive (checkout itself waits up to 2 s for an address it does not know yet).
  await new Promise((r) => setTimeout(r, 3000));
  // Orders reach the catalogue read model of orders through events: wait until a cart accepts it.
  for (let tries = 0; ; tries++) {
    try {
      await gql(url, 'mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: productId }, tokens[0]);
      await gql(url, 'mutation($p: ID!) { removeFromCart(productId: $p) { itemCount } }', { p: productId }, tokens[0]);
      break;
    } catch (error) {
      if (tries > 100) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const ready = now();

  const latencies: number[] = [];
  let failed = 0;
  const first = now();
  let last = first;
  await Promise.all(
    tokens.map(async (token, c) => {
      const ws = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
      try {
        for (let o = 0; o < ORDERS; o++) {
          await gql(url, 'mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: productId }, token);
          const sent = now();
          const { checkout } = await gql(url, 'mutation($k: String!) { checkout(input: { idempotencyKey: $k, paymentMethod: CARD, cardToken: "tok_visa" }) { id } }', { k: `bench-${c}-${o}` }, token);
          const status = await new Promise<string>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`order ${checkout.id} not PAID within 120 s`)), 120_000);
            const dispose = ws.subscribe(
              { query: 'subscription($id: ID!) { orderStatusChanged(orderId: $id) { status } }', variables: { id: checkout.id } },
              {
                next: ({ data }) => {
                  const s = (data as { orderStatusChanged?: { status: string } } | null)?.orderStatusChanged?.status;
                  if (s && ['PAID', 'PAYMENT_FAILED', 'REJECTED'].includes(s)) {
                    clearTimeout(timer);
                    dispose();
                    resolve(s);
                  }
                },
                error: (e) => reject(e instanceof Error ? e : new Error(JSON.stringify(e))),
                complete: () => undefined,
              },
            );
          });
          const at = now();
          if (status === 'PAID') latencies.push(at - sent);
          else failed++;
          last = Math.max(last, at);
        }
      } finally {
        await ws.dispose();
      }
    }),
  );
  const sorted = latencies.sort((a, b) => a - b);
  const seconds = (last - first) / 1000;
  const row = {
    mode: `${supergraph.database} + ${supergraph.events} events`,
    customers: CUSTOMERS,
    orders: CUSTOMERS * ORDERS,
    paid: latencies.length,
    failed,
    ordersPerSecond: +(latencies.length / seconds).toFixed(1),
    p50: +pct(sorted, 50).toFixed(0),
    p99: +pct(sorted, 99).toFixed(0),
    max: +(sorted[sorted.length - 1] ?? NaN).toFixed(0),
    setupSeconds: +((ready - started) / 1000).toFixed(1),
  };
  for (const child of children.splice(0)) await stop(child);
  rmSync(dataDir, { recursive: true, force: true });
  return row;
}

async function main() {
  console.log(`order lifecycle bench: ${CUSTOMERS} customers × ${ORDERS} orders, checkout (tok_visa) → PAID; modes ${MODES.join(', ')}`);
  const rows = [];
  for (const mode of MODES) rows.push(await run(mode));
  console.log('\n| engines | customers at once | orders | PAID | other end | orders/s to PAID | p50 ms | p99 ms | max ms |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.mode} | ${r.customers} | ${r.orders} | ${r.paid} | ${r.failed} | ${r.ordersPerSecond} | ${r.p50} | ${r.p99} | ${r.max} |`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const child of children) await stop(child);
  });
