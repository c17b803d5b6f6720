import { queryRows, type SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import type { AlertCause, AlertSeverity } from '../entities/BackupAlert';
import { ALL_ALERTS_CHANNEL, ownerAlertChannel, type AlertRaised } from '../events';

/** Raising and resolving alerts, always inside the caller's transaction with the change that causes it. */

export interface AlertCandidate {
  agentId: string;
  ownerId: string;
  hostname: string;
  cause: AlertCause;
  severity: AlertSeverity;
}

interface RaisedRow {
  id: string;
  agent_id: string;
  owner_id: string;
  hostname: string;
  cause: AlertCause;
  severity: AlertSeverity;
}

export interface RaisedAlert {
  alertId: string;
  ownerId: string;
}

/**
 * Opens an alert per candidate, or escalates the unresolved one of the same agent and cause from
 * WARNING to CRITICAL (OPEN again if it was acknowledged: it got worse); an alert already as bad is left alone (the partial unique index makes it
 * one per agent and cause, whichever instance gets there). Each opened or escalated alert is
 * announced by `backups.alert.raised` in the same transaction.
 */
export async function raiseAlerts(runtime: SubgraphRuntime, manager: EntityManager, candidates: AlertCandidate[], now: Date): Promise<RaisedAlert[]> {
  if (!candidates.length) return [];
  const rows = await queryRows<RaisedRow>(
    manager,
    `INSERT INTO backup_alert (id, agent_id, owner_id, hostname, cause, severity, status, raised_at)
     SELECT gen_random_uuid(), c.agent_id, c.owner_id, c.hostname, c.cause, c.severity, 'OPEN', $6
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS c(agent_id, owner_id, hostname, cause, severity)
     ON CONFLICT (agent_id, cause) WHERE status <> 'RESOLVED'
     DO UPDATE SET severity = EXCLUDED.severity, status = 'OPEN', acknowledged_at = NULL, acknowledged_by = NULL
       WHERE backup_alert.severity = 'WARNING' AND EXCLUDED.severity = 'CRITICAL'
     RETURNING id, agent_id, owner_id, hostname, cause, severity`,
    [candidates.map((c) => c.agentId), candidates.map((c) => c.ownerId), candidates.map((c) => c.hostname), candidates.map((c) => c.cause), candidates.map((c) => c.severity), now],
  );
  await runtime.emitAll(
    manager,
    'backups.alert.raised',
    rows.map((row) => ({ alertId: row.id, agentId: row.agent_id, ownerId: row.owner_id, hostname: row.hostname, cause: row.cause, severity: row.severity, raisedAt: now.toISOString() })),
  );
  return rows.map((row) => ({ alertId: row.id, ownerId: row.owner_id }));
}

/** Resolves the agent's unresolved alerts (its backups work again), each with `backups.alert.resolved`. */
export async function resolveAlerts(runtime: SubgraphRuntime, manager: EntityManager, agentId: string, now: Date): Promise<number> {
  const rows = await queryRows<{ id: string; owner_id: string; cause: AlertCause }>(
    manager,
    `UPDATE backup_alert SET status = 'RESOLVED', resolved_at = $2 WHERE agent_id = $1 AND status <> 'RESOLVED' RETURNING id, owner_id, cause`,
    [agentId, now],
  );
  for (const row of rows) {
    await runtime.emit(manager, 'backups.alert.resolved', { alertId: row.id, agentId, ownerId: row.owner_id, cause: row.cause, resolvedAt: now.toISOString() });
  }
  return rows.length;
}

/** After commit: the alerts go live to their owners and to admins and operators (fire-and-forget). */
export function announceRaised(runtime: SubgraphRuntime, alerts: RaisedAlert[]) {
  for (const { alertId, ownerId } of alerts) {
    const message: AlertRaised = { alertId };
    for (const channel of [ownerAlertChannel(ownerId), ALL_ALERTS_CHANNEL]) {
      runtime.pubsub.publish(channel, message).catch((error) => runtime.logger.warn('alert announcement failed', { alertId, error: String(error) }));
    }
  }
}
