// Telemetry: how fast readings go in through the router, and how long a day of history takes.
//
//   npm run bench:telemetry                       # PostgreSQL + Redis (the services mode of bench/lifecycle-supergraph.ts)
//   BATCHES=100 CONCURRENCY=4 SIZES=1000000 npm run bench:telemetry
//
// Ingest: BATCHES batches of 1,000 readings sent by a device with its key through the router
// (CONCURRENCY calls in flight), against a baseline measured in the same run on the same database:
// the same rows stored by the same SQL (storeReadings: one multi-row INSERT, one upsert of the latest
// values) straight from this process. History: `telemetry(HOUR)` over one device's day (86,400
// readings, one a second) through the router, and its SQL alone, once the table holds each of SIZES
// rows (filler rows of 1,000 other devices made by generate_series, never through the API).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import type { EntityManager } from 'typeorm';
import type { Reading } from '../subgraphs/telemetry/src/domain/reading';
import { newestPerMetric } from '../subgraphs/telemetry/src/domain/reading';
import { storeReadings } from '../subgraphs/telemetry/src/services/readings';
import { children, now, pct, ROOT, SECRETS, stop } from './lib';

const BATCHES = Number(process.env.BATCHES ?? 60);
const BATCH = 1000;
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 2);
const SIZES = (process.env.SIZES ?? '1000000,10000000').split(',').map(Number);
const RUNS = 20;
const DAY_S = 86_400;

const INGEST = 'mutation($r: [ReadingInput!]!) { ingestTelemetry(readings: $r) { accepted rejected } }';
const HISTORY = 'query($d: ID!, $from: DateTime!, $to: DateTime!) { telemetry(deviceId: $d, metric: "temp", from: $from, to: $to, bucket: HOUR) { start min max avg count } }';
const HISTORY_SQL = `SELECT date_bin('1 hour'::interval, at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS start, min(value), max(value), avg(value), count(*)::int
  FROM reading WHERE device_id = $1 AND metric = 'temp' AND at >= $2 AND at < $3 GROUP BY 1 ORDER BY 1`;

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

function startSupergraph(): Promise<{ url: string; databaseUrls: Record<string, string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/lifecycle-supergraph.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, MODE: 'services', ...SECRETS },
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

/** BATCHES batches of BATCH readings of `metric`, one a millisecond, ending a minute ago. */
function batches(deviceId: string, metric: string): Reading[][] {
  const start = Date.now() - 60_000 - BATCHES * BATCH;
  return Array.from({ length: BATCHES }, (_, b) => Array.from({ length: BATCH }, (_, i) => ({ deviceId, metric, value: Math.sin(b * BATCH + i), at: new Date(start + b * BATCH + i) })));
}

/** Readings per second when `send` takes every batch, CONCURRENCY at a time. */
async function throughput(all: Reading[][], send: (batch: Reading[]) => Promise<void>): Promise<number> {
  const queue = [...all];
  const started = now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) await send(batch);
    }),
  );
  return (BATCHES * BATCH) / ((now() - started) / 1000);
}

async function latencies(run: () => Promise<unknown>) {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = now();
    await run();
    times.push(now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: +pct(times, 50).toFixed(1), p95: +pct(times, 95).toFixed(1) };
}

async function main() {
  console.log(`telemetry bench: ${BATCHES} batches of ${BATCH} readings (${CONCURRENCY} in flight); history of one device's day at ${SIZES.join(', ')} rows`);
  const { url, databaseUrls } = await startSupergraph();
  const db = new PgClient({ connectionString: databaseUrls.telemetry });
  await db.connect();
  try {
    const { login } = await post(url, 'mutation { login(input: { email: "customer@example.com", password: "Demo-Password-1" }) { accessToken } }', {}, {});
    const owner = { authorization: `Bearer ${login.accessToken}` };
    const { registerDevice } = await post(url, 'mutation { registerDevice(input: { name: "bench", kind: "meter" }) { device { id } apiKey } }', {}, owner);
    const deviceId: string = registerDevice.device.id;
    const device = { 'x-api-key': registerDevice.apiKey as string };

    // The baseline first, on the table as the router's run will find it (same size, same indexes).
    const manager = { query: (sql: string, params: unknown[]) => db.query(sql, params) } as unknown as EntityManager;
    const direct = await throughput(batches(deviceId, 'direct'), async (batch) => {
      await db.query('BEGIN');
      await storeReadings(manager, batch, newestPerMetric(batch));
      await db.query('COMMIT');
    });
    const router = await throughput(batches(deviceId, 'router'), async (batch) => {
      const { ingestTelemetry } = await post(url, INGEST, { r: batch.map((r) => ({ ...r, at: r.at.toISOString() })) }, device);
      if (ingestTelemetry.accepted !== BATCH) throw new Error(`only ${ingestTelemetry.accepted} of ${BATCH} accepted`);
    });
    console.log('\n| ingest (batches of 1,000, PostgreSQL) | readings/s | vs direct |');
    console.log('| --- | --- | --- |');
    console.log(`| direct multi-row INSERT (baseline) | ${direct.toFixed(0)} | 1.00 |`);
    console.log(`| ingestTelemetry through the router, device key | ${router.toFixed(0)} | ${(router / direct).toFixed(2)} |`);

    // One device's day, one reading a second, ending now.
    const to = new Date(Math.floor(Date.now() / 1000) * 1000);
    const from = new Date(to.getTime() - DAY_S * 1000);
    await db.query(`INSERT INTO reading (device_id, metric, at, value) SELECT $1, 'temp', $2::timestamptz + g * interval '1 second', sin(g) FROM generate_series(0, $3 - 1) g`, [
      deviceId,
      from.toISOString(),
      DAY_S,
    ]);
    const rows = [];
    for (const size of SIZES) {
      const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reading')).rows;
      // Filler: 1,000 other devices, a reading a second each, in chunks of a million.
      for (let done = n; done < size; done += 1_000_000) {
        const count = Math.min(1_000_000, size - done);
        await db.query(
          `INSERT INTO reading (device_id, metric, at, value)
           SELECT md5((g % 1000)::text)::uuid, 'temp', $3::timestamptz - (g / 1000) * interval '1 second', g FROM generate_series($1::bigint, $2::bigint) g`,
          [done, done + count - 1, to.toISOString()],
        );
      }
      // What autovacuum does to an insert-only table: statistics, and the visibility map index-only scans need.
      await db.query('VACUUM ANALYZE reading');
      const variables = { d: deviceId, from: from.toISOString(), to: to.toISOString() };
      const viaRouter = await latencies(() => post(url, HISTORY, variables, owner));
      const sql = await latencies(() => db.query(HISTORY_SQL, [deviceId, from.toISOString(), to.toISOString()]));
      rows.push({ size, viaRouter, sql });
    }
    console.log('\n| rows in reading | telemetry(HOUR), one device, one day: router p50 / p95 ms | its SQL alone p50 / p95 ms |');
    console.log('| --- | --- | --- |');
    for (const r of rows) console.log(`| ${r.size.toLocaleString('en')} | ${r.viaRouter.p50} / ${r.viaRouter.p95} | ${r.sql.p50} / ${r.sql.p95} |`);
  } finally {
    await db.end();
  }
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const child of children) await stop(child);
  });
