import { inTransaction, queryRows, type SubgraphRuntime } from '@supergraph/service-kit';
import type { AlertSeverity } from '../entities/BackupAlert';
import { HEALTH_SQL, nextCheckSql, type BackupHealth } from '../domain/health';
import { announceRaised, raiseAlerts } from './alerts';

/** The advisory lock of a checker pass: one instance at a time acts, the others skip the pass. */
export const CHECKER_LOCK = 0x6b75_7073;

export interface CheckResult {
  /** False when another instance held the lock (this one did nothing). */
  ran: boolean;
  /** Agents that turned WARNING or CRITICAL. */
  changed: number;
  /** Alerts opened or escalated. */
  raised: number;
}

/**
 * One pass of the checker at `now`: agents whose last success is older than their policy allows
 * turn WARNING or CRITICAL, with a MISSED_BACKUP alert and its event. Batches of `batchSize`
 * agents, each batch one transaction (state, alerts and outbox together: a pass that dies midway
 * leaves whole batches done and the rest for the next pass) under `pg_try_advisory_xact_lock`.
 * Only worsening happens here; a successful job makes an agent HEALTHY again (JobService).
 */
export async function checkAgents(runtime: SubgraphRuntime, now = new Date(), batchSize = 500): Promise<CheckResult> {
  const result: CheckResult = { ran: false, changed: 0, raised: 0 };
  for (;;) {
    const batch = await inTransaction(runtime.dataSource, async (manager) => {
      const [{ locked }] = await queryRows<{ locked: boolean }>(manager, 'SELECT pg_try_advisory_xact_lock($1) AS locked', [CHECKER_LOCK]);
      if (!locked) return null;
      // Due agents only (the partial index on next_check_at): each gets its health at `now` and its next deadline.
      const due = await queryRows<{ id: string; owner_id: string; hostname: string; health: BackupHealth; before: BackupHealth }>(
        manager,
        `WITH due AS (
           SELECT a.id, a.health AS before, ${HEALTH_SQL} AS health FROM backup_agent a
           JOIN backup_policy p ON p.id = a.policy_id
           WHERE a.next_check_at <= $1::timestamptz
           ORDER BY a.next_check_at LIMIT $2 FOR UPDATE OF a SKIP LOCKED
         )
         UPDATE backup_agent a SET health = due.health, next_check_at = ${nextCheckSql('due.health')}
         FROM due, backup_policy p WHERE a.id = due.id AND p.id = a.policy_id
         RETURNING a.id, a.owner_id, a.hostname, a.health, due.before`,
        [now, batchSize],
      );
      const worsened = due.filter((a) => a.health !== 'HEALTHY' && a.health !== a.before);
      const candidates = worsened.map((a) => ({ agentId: a.id, ownerId: a.owner_id, hostname: a.hostname, cause: 'MISSED_BACKUP' as const, severity: a.health as AlertSeverity }));
      return { due: due.length, changed: worsened.length, raised: await raiseAlerts(runtime, manager, candidates, now) };
    });
    if (!batch) return result;
    result.ran = true;
    result.changed += batch.changed;
    result.raised += batch.raised.length;
    if (batch.raised.length) {
      runtime.eventsCommitted();
      announceRaised(runtime, batch.raised);
    }
    if (batch.due < batchSize) return result;
  }
}
