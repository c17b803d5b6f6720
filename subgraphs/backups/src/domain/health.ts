/**
 * When an agent is late. The reference is its last success (or, before any, its registration):
 * WARNING once it is older than the policy's interval plus a grace, CRITICAL once it is older
 * than twice the interval. The grace (a fifth of the interval, at least 5 minutes) absorbs a
 * slow run without crying wolf; with intervals of 15 minutes or more it stays below the interval,
 * so WARNING always comes before CRITICAL. The checker computes the same in SQL (`HEALTH_SQL`).
 */
export type BackupHealth = 'HEALTHY' | 'WARNING' | 'CRITICAL';

export const MIN_INTERVAL_MINUTES = 15;
export const MAX_INTERVAL_MINUTES = 43_200;

const graceMinutes = (intervalMinutes: number) => Math.max(5, Math.floor(intervalMinutes / 5));

const MINUTE_MS = 60_000;

/** The moments an agent turns WARNING and CRITICAL if nothing succeeds first. */
export function deadlines(reference: Date, intervalMinutes: number): { warning: Date; critical: Date } {
  const at = reference.getTime();
  return { warning: new Date(at + (intervalMinutes + graceMinutes(intervalMinutes)) * MINUTE_MS), critical: new Date(at + 2 * intervalMinutes * MINUTE_MS) };
}

export function healthAt(reference: Date, intervalMinutes: number, now: Date): BackupHealth {
  const { warning, critical } = deadlines(reference, intervalMinutes);
  if (now >= critical) return 'CRITICAL';
  return now >= warning ? 'WARNING' : 'HEALTHY';
}

/** When the agent `a` under policy `p` turns WARNING and CRITICAL, in SQL (`deadlines`). */
const REFERENCE_SQL = 'coalesce(a.last_success_at, a.created_at)';
const WARNING_AT_SQL = `${REFERENCE_SQL} + make_interval(mins => p.expected_interval_minutes + greatest(5, p.expected_interval_minutes / 5))`;
const CRITICAL_AT_SQL = `${REFERENCE_SQL} + make_interval(mins => 2 * p.expected_interval_minutes)`;

/** `healthAt` in SQL, with `now` as the parameter `$1`. */
export const HEALTH_SQL = `CASE WHEN ${CRITICAL_AT_SQL} <= $1::timestamptz THEN 'CRITICAL' WHEN ${WARNING_AT_SQL} <= $1::timestamptz THEN 'WARNING' ELSE 'HEALTHY' END`;

/** `nextCheckAt` in SQL, for the health in the SQL expression `health`. */
export const nextCheckSql = (health: string) => `CASE ${health} WHEN 'HEALTHY' THEN ${WARNING_AT_SQL} WHEN 'WARNING' THEN ${CRITICAL_AT_SQL} END`;

/**
 * When the checker must look at an agent of this health again: its next deadline (none once
 * CRITICAL: only a success changes it then). Stored and indexed, so that a pass reads the agents
 * that are due, not every agent.
 */
export function nextCheckAt(health: BackupHealth, reference: Date, intervalMinutes: number): Date | null {
  const { warning, critical } = deadlines(reference, intervalMinutes);
  return health === 'HEALTHY' ? warning : health === 'WARNING' ? critical : null;
}
