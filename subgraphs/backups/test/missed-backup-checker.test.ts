import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { deadlines } from '../src/domain/health';
import { CHECKER_LOCK, checkAgents } from '../src/services/checker';
import { ALERTS, minutesFrom, ownerWithAgent, REPORT, startBackups, succeeded } from './helpers';

const HEALTH = 'query { backupAgents(first: 100) { edges { node { id health } } } }';

/** The checker, run with a chosen clock: WARNING, then CRITICAL, one alert per agent and cause, atomic per batch. */
describe('the missed-backup checker', () => {
  let databaseUrl: string | undefined;
  let backups: RunningSubgraph;
  let messaging: Messaging;

  const raisedEvents = async (agentId: string) =>
    (await backups.database.dataSource.query(`SELECT payload FROM outbox WHERE topic = 'backups.alert.raised' AND payload->>'agentId' = $1 ORDER BY seq`, [agentId])).map((r: any) => r.payload);
  const registeredAt = async (agentId: string): Promise<Date> => (await backups.database.dataSource.query('SELECT created_at FROM backup_agent WHERE id = $1', [agentId]))[0].created_at;

  beforeAll(async () => {
    messaging = await testMessaging('backups-checker');
    databaseUrl = await testDatabaseUrl('backups_checker');
    backups = await startBackups({ messaging, databaseUrl });
  });
  afterAll(async () => {
    await backups?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('marks a silent agent WARNING after the interval and grace, then CRITICAL after twice the interval, on one alert', async () => {
    const { owner, agent, agentId } = await ownerWithAgent(backups, { intervalMinutes: 60 });
    const { warning, critical } = deadlines(await registeredAt(agentId), 60);
    expect(warning.getTime() - (await registeredAt(agentId)).getTime()).toBe(72 * 60_000);

    await checkAgents(backups.runtime, minutesFrom(warning, -1));
    expect((await owner.data(HEALTH)).backupAgents.edges[0].node.health).toBe('HEALTHY');
    expect(await raisedEvents(agentId)).toEqual([]);

    await checkAgents(backups.runtime, warning);
    expect((await owner.data(HEALTH)).backupAgents.edges[0].node.health).toBe('WARNING');
    await checkAgents(backups.runtime, minutesFrom(warning, 5));
    expect(await raisedEvents(agentId)).toMatchObject([{ agentId, ownerId: owner.userId, hostname: 'host-1', cause: 'MISSED_BACKUP', severity: 'WARNING' }]);

    const [{ node: warning1 }] = (await owner.data(ALERTS, { s: 'OPEN' })).backupAlerts.edges;
    await owner.data('mutation($id: ID!) { acknowledgeBackupAlert(id: $id) { status } }', { id: warning1.id });

    // Worse: the same alert, CRITICAL and OPEN again.
    await checkAgents(backups.runtime, critical);
    expect((await owner.data(HEALTH)).backupAgents.edges[0].node.health).toBe('CRITICAL');
    const open = (await owner.data(ALERTS, { s: 'OPEN' })).backupAlerts.edges;
    expect(open.map((e: any) => e.node)).toMatchObject([{ cause: 'MISSED_BACKUP', severity: 'CRITICAL', status: 'OPEN' }]);
    const events = await raisedEvents(agentId);
    expect(events.map((e: any) => [e.alertId, e.severity])).toEqual([
      [open[0].node.id, 'WARNING'],
      [open[0].node.id, 'CRITICAL'],
    ]);

    // The next success makes it HEALTHY and resolves the alert, in the report's transaction.
    const report = await agent.data(REPORT, { i: succeeded() });
    expect(report.reportBackupJob.agent.health).toBe('HEALTHY');
    expect((await owner.data(ALERTS, { s: 'RESOLVED' })).backupAlerts.edges.map((e: any) => e.node.id)).toEqual([open[0].node.id]);
    expect((await owner.data(ALERTS, { s: 'OPEN' })).backupAlerts.edges).toEqual([]);
  });

  it('leaves nothing half done when a pass dies midway: whole batches, then the rest at the next pass', async () => {
    const agents = await Promise.all(['ok-1', 'boom', 'ok-2', 'ok-3'].map((hostname) => ownerWithAgent(backups, { intervalMinutes: 15, hostname })));
    const ids = agents.map((a) => a.agentId);
    const dataSource = backups.database.dataSource;
    // A fault in the middle of the pass: inserting the alert of host "boom" fails.
    await dataSource.query(`CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'checker crash'; END $$ LANGUAGE plpgsql`);
    await dataSource.query(`CREATE TRIGGER boom BEFORE INSERT ON backup_alert FOR EACH ROW WHEN (NEW.hostname = 'boom') EXECUTE FUNCTION boom()`);
    const later = minutesFrom(Date.now(), 25);
    await expect(checkAgents(backups.runtime, later, 1)).rejects.toThrow('checker crash');
    const state = async () =>
      Object.fromEntries(
        (
          await dataSource.query(
            `SELECT a.hostname, a.health, (SELECT count(*)::int FROM backup_alert al WHERE al.agent_id = a.id) AS alerts,
                    (SELECT count(*)::int FROM outbox o WHERE o.payload->>'agentId' = a.id::text) AS events
             FROM backup_agent a WHERE a.id = ANY($1)`,
            [ids],
          )
        ).map((r: any) => [r.hostname, [r.health, r.alerts, r.events]]),
      );
    const after = await state();
    expect(after.boom).toEqual(['HEALTHY', 0, 0]);
    for (const hostname of ['ok-1', 'ok-2', 'ok-3'])
      expect([
        ['HEALTHY', 0, 0],
        ['WARNING', 1, 1],
      ]).toContainEqual(after[hostname]);

    await dataSource.query('DROP TRIGGER boom ON backup_alert');
    await checkAgents(backups.runtime, later, 1);
    expect(await state()).toEqual({ 'ok-1': ['WARNING', 1, 1], boom: ['WARNING', 1, 1], 'ok-2': ['WARNING', 1, 1], 'ok-3': ['WARNING', 1, 1] });
  });

  it('acts once with two instances on the same database: one alert and one event per agent', async () => {
    if (!databaseUrl) return console.warn('two instances need PostgreSQL: skipped on the embedded engine');
    const other = await startBackups({ messaging, databaseUrl });
    try {
      const agents = await Promise.all(Array.from({ length: 30 }, (_, i) => ownerWithAgent(backups, { intervalMinutes: 15, hostname: `pair-${i}` })));
      const ids = agents.map((a) => a.agentId);
      const at = minutesFrom(Date.now(), 40);
      await Promise.all([0, 1, 2].flatMap(() => [checkAgents(backups.runtime, at, 7), checkAgents(other.runtime, at, 7)]));
      const [{ alerts }] = await backups.database.dataSource.query(`SELECT count(*)::int AS alerts FROM backup_alert WHERE agent_id = ANY($1) AND severity = 'CRITICAL'`, [ids]);
      const [{ events }] = await backups.database.dataSource.query(`SELECT count(*)::int AS events FROM outbox WHERE topic = 'backups.alert.raised' AND (payload->>'agentId')::uuid = ANY($1)`, [ids]);
      expect({ alerts, events }).toEqual({ alerts: 30, events: 30 });

      // While one instance's pass holds the lock, another's does nothing at all.
      const late = await ownerWithAgent(backups, { intervalMinutes: 15, hostname: 'while-locked' });
      const holder = backups.database.dataSource.createQueryRunner();
      await holder.startTransaction();
      try {
        await holder.query('SELECT pg_advisory_xact_lock($1)', [CHECKER_LOCK]);
        expect(await checkAgents(other.runtime, minutesFrom(Date.now(), 40))).toEqual({ ran: false, changed: 0, raised: 0 });
        expect((await late.owner.data(HEALTH)).backupAgents.edges[0].node.health).toBe('HEALTHY');
      } finally {
        await holder.rollbackTransaction();
        await holder.release();
      }
    } finally {
      await other.close();
    }
  });
});
