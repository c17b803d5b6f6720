// Peer benchmark: our router side by side with stock @apollo/gateway and Hive Gateway, on the same
// four subgraphs, the same deep fan-out query and the same load, in one run.
//
//   npm run bench:peer                                  # c=50, 20 s after a 5 s warm-up, 2 reps per target
//   CONNS=1 DURATION=10 npm run bench:peer              # gateway CPU per request at one connection
//   SUBGRAPH_DELAY_MS=50 npm run bench:peer             # 50 ms latency in every subgraph response
//   TARGETS="apollo ours" REPS=1 npm run bench:peer
//
// Env: TARGETS (apollo hive ours), CONNS (50), DURATION (s, 20), WARMUP (s, 5), REPS (2),
// SUBGRAPH_DELAY_MS (0), PEER_BENCH_WORK (work directory, default ${TMPDIR:-/tmp}/supergraph-bench-peers:
// Hive Gateway is installed there on first use, and each run leaves its supergraph, logs and
// results.jsonl in a run-<time>/ folder), OURS_ENV ("SUBGRAPH_DEDUP=0 ..." for our router),
// OURS_NODE_OPTIONS (e.g. --cpu-prof).
//
// Method: the subgraphs run in one child process (bench/peer/subgraphs.ts, memoized answers, so
// the gateway is what is measured); each gateway runs alone in its own process group, started,
// measured and stopped in turn, every port picked free at run time. Before loading a gateway the
// query is sent once: the answer must have no errors and hash the same as every other gateway's
// (the run fails otherwise). Under load every response must equal that answer byte for byte
// (autocannon `expectBody`; "mismatches"). The load generator runs in this process; the gateway's
// CPU is read from /proc for its whole process group before and after each timed run, which starts
// once the gateway has finished the requests the previous run left in flight.
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import autocannon from 'autocannon';
import { QUERY } from './query';
import { firstJsonLine, freePort, groupCpuSeconds, post, start, stop, stopAll, waitIdle, waitReady } from './proc';
import { SUBGRAPHS } from './schemas';
import { ensureHive, ROOT, TARGETS, WORK } from './targets';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const CONNS = env('CONNS', 50);
const DURATION = env('DURATION', 20);
const WARMUP = env('WARMUP', 5);
const REPS = env('REPS', 2);
const DELAY_MS = env('SUBGRAPH_DELAY_MS', 0);
const TARGET_NAMES = (process.env.TARGETS ?? 'apollo hive ours').split(/[\s,]+/).filter(Boolean);

interface Row {
  target: string;
  version: string;
  rep: number;
  rps: number;
  totalReq: number;
  cpuMsPerReq: number;
  cpuCores: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  mismatches: number;
  bytesPerResp: number;
}

async function main() {
  for (const t of TARGET_NAMES) if (!TARGETS[t]) throw new Error(`unknown target ${t} (known: ${Object.keys(TARGETS).join(', ')})`);
  if (WORK === ROOT || WORK.startsWith(`${ROOT}/`)) throw new Error('PEER_BENCH_WORK must be outside the repository');
  const runDir = join(WORK, `run-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(runDir, { recursive: true });
  if (TARGET_NAMES.includes('hive')) ensureHive(WORK);

  const subgraphs = start(process.execPath, ['--import', 'tsx', join(__dirname, 'subgraphs.ts')], {
    cwd: ROOT,
    env: { SUBGRAPH_DELAY_MS: String(DELAY_MS) },
    logFile: join(runDir, 'subgraphs.log'),
  });
  const urls = await firstJsonLine<Record<string, string>>(subgraphs);
  const composed = composeServices(Object.entries(SUBGRAPHS).map(([name, def]) => ({ name, url: urls[name], typeDefs: def.typeDefs })));
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const supergraphPath = join(runDir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);

  console.log(`peer bench: targets=[${TARGET_NAMES.join(' ')}] conns=${CONNS} duration=${DURATION}s warmup=${WARMUP}s reps=${REPS} subgraphDelayMs=${DELAY_MS}`);
  console.log(`work: ${runDir}`);
  const rows: Row[] = [];
  const hashes: Record<string, string> = {};
  for (const name of TARGET_NAMES) {
    const target = TARGETS[name];
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/graphql`;
    const child = target.start({ work: WORK, runDir, supergraphPath, port });
    try {
      await waitReady(url, child, name);
      const { status, body } = await post(url, QUERY);
      const json = JSON.parse(body) as { data?: unknown; errors?: unknown };
      hashes[name] = createHash('sha256')
        .update(JSON.stringify(json.data ?? null))
        .digest('hex')
        .slice(0, 12);
      console.log(`${name}: status ${status}, ${body.length} bytes, errors ${json.errors ? JSON.stringify(json.errors).slice(0, 300) : 'none'}, data hash ${hashes[name]}`);
      if (status !== 200 || json.errors) continue;
      const load = (duration: number) =>
        autocannon({
          url,
          method: 'POST',
          connections: CONNS,
          duration,
          timeout: 10,
          expectBody: body,
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query: QUERY }),
        });
      await load(WARMUP);
      for (let rep = 1; rep <= REPS; rep++) {
        await waitIdle(child.pid!);
        const cpu0 = groupCpuSeconds(child.pid!);
        const r = await load(DURATION);
        const cpu = groupCpuSeconds(child.pid!) - cpu0;
        const row: Row = {
          target: name,
          version: target.version(WORK),
          rep,
          rps: r.requests.average,
          totalReq: r.requests.total,
          cpuMsPerReq: (1000 * cpu) / Math.max(1, r.requests.total),
          cpuCores: cpu / DURATION,
          p50: r.latency.p50,
          p99: r.latency.p99,
          max: r.latency.max,
          errors: r.errors,
          non2xx: r.non2xx,
          timeouts: r.timeouts,
          mismatches: r.mismatches,
          bytesPerResp: Math.round(r.throughput.total / Math.max(1, r.requests.total)),
        };
        rows.push(row);
        appendFileSync(join(runDir, 'results.jsonl'), `${JSON.stringify({ ...row, conns: CONNS, duration: DURATION, delayMs: DELAY_MS })}\n`);
        console.log(`${name} rep ${rep}: ${row.rps.toFixed(1)} req/s, ${row.cpuMsPerReq.toFixed(2)} CPU ms/req, p50 ${row.p50} ms, p99 ${row.p99} ms`);
      }
    } catch (e) {
      console.log(`${name}: ${(e as Error).message} (log: ${runDir}/${name}.log)`);
    } finally {
      await stop(child);
    }
  }
  await stop(subgraphs);

  const distinct = new Set(Object.values(hashes));
  const sameData = distinct.size === 1 && Object.keys(hashes).length === TARGET_NAMES.length;
  console.log(`\ndata check: ${sameData ? `every target returned the same data (hash ${[...distinct][0]})` : `FAILED ${JSON.stringify(hashes)}`}`);
  printSummary(rows);
  const failed = rows.filter((r) => r.mismatches || r.errors || r.non2xx || r.timeouts).map((r) => r.target);
  if (failed.length) console.log(`\nFAILED: errors, timeouts (10 s), non-2xx or mismatched answers under load from ${[...new Set(failed)].join(', ')}`);
  const missing = TARGET_NAMES.filter((t) => !rows.some((r) => r.target === t));
  if (missing.length) console.log(`\nFAILED: not measured: ${missing.join(', ')}`);
  if (!sameData || failed.length || missing.length) process.exitCode = 1;
}

function printSummary(rows: Row[]) {
  const mean = (rs: Row[], k: keyof Row) => rs.reduce((s, r) => s + (r[k] as number), 0) / rs.length;
  const by = new Map<string, Row[]>();
  for (const r of rows) by.set(r.target, [...(by.get(r.target) ?? []), r]);
  const base = by.get('apollo') ? mean(by.get('apollo')!, 'rps') : NaN;
  console.log(`\nc=${CONNS}, ${DURATION} s × ${REPS}, subgraph delay ${DELAY_MS} ms (means over reps; ratios against @apollo/gateway in this run)\n`);
  console.log('| gateway | version | RPS | × apollo | CPU ms/req | CPU cores | p50 ms | p99 ms | errors/non2xx/timeouts/mismatches | bytes/resp |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [name, rs] of by) {
    const rps = mean(rs, 'rps');
    const sum = (k: keyof Row) => rs.reduce((s, r) => s + (r[k] as number), 0);
    console.log(
      `| ${TARGETS[name].label} | ${rs[0].version} | ${rps.toFixed(1)} | ${Number.isNaN(base) ? '-' : (rps / base).toFixed(2)} | ${mean(rs, 'cpuMsPerReq').toFixed(2)} | ` +
        `${mean(rs, 'cpuCores').toFixed(2)} | ${mean(rs, 'p50').toFixed(1)} | ${mean(rs, 'p99').toFixed(1)} | ` +
        `${sum('errors')}/${sum('non2xx')}/${sum('timeouts')}/${sum('mismatches')} | ${Math.round(mean(rs, 'bytesPerResp'))} |`,
    );
  }
}

const shutdown = () => void stopAll().then(() => process.exit(130));
process.once('SIGINT', shutdown).once('SIGTERM', shutdown);
main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
