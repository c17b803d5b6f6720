import type { SubgraphRuntime } from '@supergraph/service-kit';

/** How often each instance purges (several instances purging at once only share the work). */
export const PURGE_INTERVAL_MS = 10 * 60_000;

/** Rows deleted per statement: short transactions, so ingest never waits long behind a purge. */
export const PURGE_BATCH = 10_000;

/** Deletes the readings older than `retentionMs`, PURGE_BATCH at a time; returns how many. */
export async function purgeOldReadings(runtime: SubgraphRuntime, retentionMs: number, isStopped = () => false): Promise<number> {
  const cutoff = new Date(Date.now() - retentionMs).toISOString();
  let total = 0;
  while (!isStopped()) {
    // TypeORM answers a DELETE with [rows, affected].
    const [, deleted] = await runtime.dataSource.query<[unknown, number]>(`DELETE FROM reading WHERE ctid = ANY(ARRAY(SELECT ctid FROM reading WHERE at < $1 LIMIT ${PURGE_BATCH}))`, [cutoff]);
    total += deleted;
    if (deleted < PURGE_BATCH) break;
  }
  return total;
}

/** The `background` hook: a purge at start and every PURGE_INTERVAL_MS; `stop` waits for one under way. */
export function retentionPurger(runtime: SubgraphRuntime, retentionMs: number) {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = purgeOldReadings(runtime, retentionMs, () => stopped).catch((error) => {
      if (runtime.dataSource.isInitialized) runtime.logger.warn('retention purge failed', { error: String(error) });
    });
  };
  run();
  const timer = setInterval(run, PURGE_INTERVAL_MS);
  // Never what keeps a process alive.
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
