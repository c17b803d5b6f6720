// The missed-backup checker over 10,000 agents on PostgreSQL (`npm run bench:backups`). Prints the
// time of a pass with nothing due, with every agent late (10,000 state changes, alerts and outbox
// events), and a repeat pass, each as a ratio to a baseline measured in the same run: a plain
// `SELECT count(*)` over the same agents joined to their policies.
import { performance } from 'node:perf_hooks';
import { subgraph } from '@supergraph/backups';
import { checkAgents } from '@supergraph/backups/src/services/checker';
import { connectMessaging, type RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, postgresAvailable, runTestSubgraph, testDatabaseUrl, testLogger } from '@supergraph/testkit';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 10_000);
const RUNS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function main() {
  if (!(await postgresAvailable())) throw new Error('bench:backups measures PostgreSQL: start it on 127.0.0.1:5432');
  const messaging = await connectMessaging({ logger: testLogger });
  // The relay stays off: what is measured is the checker's own transactions, not the publishing after them.
  const backups: RunningSubgraph = await runTestSubgraph(subgraph, { databaseUrl: await testDatabaseUrl('bench_backups'), messaging, relay: false, env: { BACKUPS_CHECK_INTERVAL_MS: '0' } });
  const db = backups.database.dataSource;
  try {
    await db.query(`INSERT INTO backup_policy (id, owner_id, name, expected_interval_minutes, retention_days) VALUES (gen_random_uuid(), gen_random_uuid(), 'hourly', 60, 30)`);
    await db.query(
      `INSERT INTO backup_agent (id, owner_id, policy_id, hostname, os, key_hash, key_prefix, last_success_at, next_check_at)
       SELECT gen_random_uuid(), gen_random_uuid(), (SELECT id FROM backup_policy), 'host-' || i, 'Linux', md5(i::text), 'sgb_', now() - interval '3 hours', now() - interval '3 hours' + interval '72 minutes'
       FROM generate_series(1, $1) AS i`,
      [AGENTS],
    );
    await db.query('ANALYZE');
    const reset = () =>
      db
        .query(`UPDATE backup_agent SET health = 'HEALTHY', next_check_at = last_success_at + interval '72 minutes'`)
        .then(() => db.query('DELETE FROM backup_alert'))
        .then(() => db.query('DELETE FROM outbox'));
    const baseline: number[] = [];
    const nothingDue: number[] = [];
    const allLate: number[] = [];
    const repeat: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await reset();
      baseline.push(await timed(() => db.query('SELECT count(*) FROM backup_agent a JOIN backup_policy p ON p.id = a.policy_id')));
      // Half an hour after their last success nobody is late yet: the pass only reads.
      nothingDue.push(await timed(() => checkAgents(backups.runtime, new Date(Date.now() - 2.5 * 3_600_000))));
      let raised = 0;
      allLate.push(await timed(async () => void (raised = (await checkAgents(backups.runtime)).raised)));
      if (raised !== AGENTS) throw new Error(`run ${run}: expected ${AGENTS} alerts, raised ${raised}`);
      repeat.push(await timed(() => checkAgents(backups.runtime)));
    }
    const base = median(baseline);
    const line = (label: string, ms: number) => console.log(`${label.padEnd(52)} ${ms.toFixed(1).padStart(9)} ms   ${(ms / base).toFixed(1).padStart(7)}× baseline`);
    console.log(`backups checker, ${AGENTS} agents on PostgreSQL, median of ${RUNS} runs`);
    line('baseline: SELECT count(*) over agents ⨝ policies', base);
    line('checker pass, nothing due', median(nothingDue));
    line(`checker pass, all ${AGENTS} late (state + alert + event each)`, median(allLate));
    line('checker pass right after (all already CRITICAL)', median(repeat));
    console.log(`all late: ${((AGENTS / median(allLate)) * 1000).toFixed(0)} agents/s, ${((median(allLate) / AGENTS) * 1000).toFixed(0)} µs per agent`);
  } finally {
    await backups.close();
    await messaging.close();
    await cleanupTestResources();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
