import { queryRows, type SubgraphRuntime } from '@supergraph/service-kit';

/**
 * Deletes jobs that started before their policy's retention, `batchSize` at a time (short
 * statements, short locks), at most `maxBatches` per call; the next call goes on. Returns how
 * many went. Safe with several instances: a row is deleted once, whoever gets there.
 */
export async function purgeExpiredJobs(runtime: SubgraphRuntime, now = new Date(), batchSize = 1000, maxBatches = 20): Promise<number> {
  let purged = 0;
  for (let i = 0; i < maxBatches; i++) {
    const rows = await queryRows<{ id: string }>(
      runtime.dataSource,
      `DELETE FROM backup_job WHERE id IN (
         SELECT j.id FROM backup_job j
         JOIN backup_agent a ON a.id = j.agent_id
         JOIN backup_policy p ON p.id = a.policy_id
         WHERE j.started_at < $1::timestamptz - make_interval(days => p.retention_days)
         LIMIT $2)
       RETURNING id`,
      [now, batchSize],
    );
    purged += rows.length;
    if (rows.length < batchSize) break;
  }
  return purged;
}
