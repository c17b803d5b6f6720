// Subscription fan-out, our router side by side with Hive Gateway in ONE run (same machine, same
// background load, same subgraphs): the events subgraph publishes ticks over graphql-ws, and the
// probe (bench/peer/fanout-probe.ts) subscribes N graphql-ws clients through each gateway.
//
//   npm run bench:subscriptions:peer             # env: N=1000 BARE_EVENTS=20 ENTITY_EVENTS=10 ROUNDS=1
//
// Scenarios, measured per gateway in turn (hive, ours, hive, ours, ...), both gateways running all along:
//   bare    `subscription { tick { seq sentAt } }`: BARE_EVENTS ticks 250 ms apart
//   entity  the same plus `product { upc name price inStock }` (name/price from products, inStock
//           from inventory: two other subgraphs per tick), ENTITY_EVENTS ticks 1 s apart
// The probe connects without credentials, so our router runs with SUBSCRIPTIONS_ALLOW_ANONYMOUS=true.
// Hive Gateway (installed as for `npm run bench:peer`, in PEER_BENCH_WORK) runs one worker (`--fork 1`).
// Ports are picked free at run time; logs and results.jsonl go to a run folder in the work directory.
// The run fails (exit 1) when a delivery is missing, an error arrives or a client never subscribed.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { firstJsonLine, freePort, groupRssMb, sleep, start, stop, stopAll, waitReady } from './proc';
import { EVENTS_TYPEDEFS, SUBGRAPHS } from './schemas';
import { ensureHive, ROOT, TARGETS, WORK } from './targets';

const N = Number(process.env.N ?? 1000);
const BARE_EVENTS = Number(process.env.BARE_EVENTS ?? 20);
const ENTITY_EVENTS = Number(process.env.ENTITY_EVENTS ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 1);
const GATEWAYS = ['hive', 'ours'] as const;

async function main() {
  const runDir = join(WORK, `sub-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(runDir, { recursive: true });
  ensureHive(WORK);
  const subgraphs = start(process.execPath, ['--import', 'tsx', join(__dirname, 'subgraphs.ts')], {
    cwd: ROOT,
    env: { EVENTS: '1' },
    logFile: join(runDir, 'subgraphs.log'),
  });
  const urls = await firstJsonLine<Record<string, string>>(subgraphs);
  const composed = composeServices([
    ...Object.entries(SUBGRAPHS).map(([name, def]) => ({ name, url: urls[name], typeDefs: def.typeDefs })),
    { name: 'events', url: urls.events, typeDefs: EVENTS_TYPEDEFS },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const supergraphPath = join(runDir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);

  const gateways = [];
  for (const name of GATEWAYS) {
    const port = await freePort();
    const child = TARGETS[name].start({ work: WORK, runDir, supergraphPath, port, subscriptions: true });
    gateways.push({ name, port, child });
  }
  for (const g of gateways) await waitReady(`http://127.0.0.1:${g.port}/graphql`, g.child, g.name);
  console.log(`subscription peer bench: N=${N}, rounds=${ROUNDS}; work: ${runDir}`);

  const events = new URL(urls.events).origin;
  const rows = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const scenario of ['bare', 'entity'] as const) {
      for (const g of gateways) {
        const probe = start(
          process.execPath,
          [
            '--import',
            'tsx',
            join(__dirname, 'fanout-probe.ts'),
            `ws://127.0.0.1:${g.port}/graphql`,
            events,
            String(N),
            String(scenario === 'bare' ? BARE_EVENTS : ENTITY_EVENTS),
            ...(scenario === 'entity' ? ['--entity'] : []),
          ],
          { cwd: ROOT, env: { EMIT_MS: scenario === 'bare' ? '250' : '1000' }, logFile: null },
        );
        let timer: NodeJS.Timeout | undefined;
        const result = await Promise.race([
          firstJsonLine<Record<string, number | string | null>>(probe),
          new Promise<{ failed: string }>((resolve) => (timer = setTimeout(resolve, 300_000, { failed: 'timed out after 300 s' }))),
        ]).catch((e: Error) => ({ failed: e.message }));
        // A pending timer would keep this process alive for minutes after the last probe.
        clearTimeout(timer);
        const row = { gateway: g.name, scenario, rssMb: groupRssMb(g.child.pid!), ...result };
        await stop(probe);
        rows.push(row);
        appendFileSync(join(runDir, 'results.jsonl'), `${JSON.stringify(row)}\n`);
        console.log(JSON.stringify(row));
        await sleep(2000);
      }
    }
  }

  const version = (name: string) => `${TARGETS[name].label} ${TARGETS[name].version(WORK)}`;
  console.log(`\nSubscription fan-out, ${N} graphql-ws subscribers, one run (${cpus().length} cores, node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z):\n`);
  console.log('| gateway | scenario | events | p50 ms | p90 ms | p99 ms | max ms | delivered | errors | upstream subscriptions | gateway RSS |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  let ok = true;
  for (const r of rows as Record<string, any>[]) {
    const scenario = r.scenario === 'bare' ? 'bare event' : 'entity fields from 2 subgraphs';
    if (r.failed) {
      ok = false;
      console.log(`| ${version(r.gateway)} | ${scenario} | failed: ${r.failed} | | | | | | | | |`);
      continue;
    }
    if (r.errors || r.incomplete || r.warm < r.subscribers || r.delivered !== r.expected) ok = false;
    console.log(
      `| ${version(r.gateway)} | ${scenario} | ${r.events} × ${r.emitMs} ms | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${r.delivered}/${r.expected}${r.warm < r.subscribers ? ` (${r.warm} subscribed)` : ''} | ` +
        `${r.errors + r.incomplete}${r.firstError ? ` (${String(r.firstError).slice(0, 60)})` : ''} | ${r.upstreamSubscriptions} | ${r.rssMb} MB |`,
    );
  }
  if (!ok) process.exitCode = 1;
}

const shutdown = () => void stopAll().then(() => process.exit(130));
process.once('SIGINT', shutdown).once('SIGTERM', shutdown);
main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
