import { ErrorCode } from '@supergraph/errors';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, testDatabaseUrl, testMessaging, viewerHeaders } from '@supergraph/testkit';
import { ALERTS, Caller, minutesFrom, ownerWithAgent, person, REPORT, startBackups, succeeded } from './helpers';

/** Agents report their jobs with their own key; a job is its start, completed by a later report. */
describe('agents reporting jobs', () => {
  let backups: RunningSubgraph;
  let messaging: Messaging;

  beforeAll(async () => {
    messaging = await testMessaging('backups-reports');
    backups = await startBackups({ messaging, databaseUrl: await testDatabaseUrl('backups_reports') });
  });
  afterAll(async () => {
    await backups?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('registers an agent with a key shown once and stores only its hash', async () => {
    const { agentId, apiKey } = await ownerWithAgent(backups);
    expect(apiKey).toMatch(new RegExp(`^sgb_${agentId.replace(/-/g, '')}_[A-Za-z0-9_-]{43}$`));
    const [row] = await backups.database.dataSource.query('SELECT key_hash, key_prefix FROM backup_agent WHERE id = $1', [agentId]);
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(apiKey);
    expect(apiKey.startsWith(row.key_prefix)).toBe(true);
  });

  it('completes a STARTED job with its outcome, keeps sizes beyond 2^31 exact and moves the agent', async () => {
    const { agent, agentId } = await ownerWithAgent(backups);
    const startedAt = minutesFrom(Date.now(), -20).toISOString();
    const started = await agent.data(REPORT, { i: { status: 'STARTED', startedAt } });
    expect(started.reportBackupJob).toMatchObject({ status: 'STARTED', finishedAt: null, agent: { id: agentId, lastSuccessAt: null } });
    const again = await agent.data(REPORT, { i: { status: 'STARTED', startedAt } });
    expect(again.reportBackupJob.id).toBe(started.reportBackupJob.id);

    const finishedAt = minutesFrom(Date.now(), -1).toISOString();
    const done = await agent.data(REPORT, { i: { status: 'SUCCEEDED', startedAt, finishedAt, sizeBytes: '9007199254740993', fileCount: 12 } });
    expect(done.reportBackupJob).toMatchObject({
      id: started.reportBackupJob.id,
      status: 'SUCCEEDED',
      finishedAt,
      sizeBytes: '9007199254740993',
      fileCount: 12,
      agent: { health: 'HEALTHY', lastSuccessAt: finishedAt },
    });

    const twice = await agent.request(REPORT, { i: { status: 'FAILED', startedAt, finishedAt, error: 'late' } });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: ErrorCode.CONFLICT, status: 'SUCCEEDED' });
    const [{ n }] = await backups.database.dataSource.query('SELECT count(*)::int AS n FROM backup_job WHERE agent_id = $1', [agentId]);
    expect(n).toBe(1);
  });

  it('raises one FAILED_BACKUP alert for failures, which the next success resolves', async () => {
    const { owner, agent, agentId } = await ownerWithAgent(backups);
    for (const minutesAgo of [30, 20]) {
      const finishedAt = minutesFrom(Date.now(), -minutesAgo);
      await agent.data(REPORT, { i: { status: 'FAILED', startedAt: minutesFrom(finishedAt, -5).toISOString(), finishedAt: finishedAt.toISOString(), error: 'disk full' } });
    }
    const open = await owner.data(ALERTS, { s: 'OPEN' });
    expect(open.backupAlerts.edges.map((e: any) => e.node)).toMatchObject([{ cause: 'FAILED_BACKUP', severity: 'WARNING', status: 'OPEN', agent: { id: agentId } }]);
    await agent.data(REPORT, { i: succeeded() });
    expect((await owner.data(ALERTS, { s: 'OPEN' })).backupAlerts.edges).toEqual([]);
    const resolved = await owner.data(ALERTS, { s: 'RESOLVED' });
    expect(resolved.backupAlerts.edges[0].node).toMatchObject({ cause: 'FAILED_BACKUP', status: 'RESOLVED' });
    const ack = await owner.request('mutation($id: ID!) { acknowledgeBackupAlert(id: $id) { status } }', { id: resolved.backupAlerts.edges[0].node.id });
    expect(ack.errors?.[0]?.extensions).toMatchObject({ code: ErrorCode.CONFLICT, status: 'RESOLVED' });
    const topics = await backups.database.dataSource.query(`SELECT topic, payload FROM outbox WHERE payload->>'agentId' = $1 ORDER BY seq`, [agentId]);
    expect(topics.map((t: any) => t.topic)).toEqual(['backups.alert.raised', 'backups.alert.resolved']);
    expect(topics[0].payload).toMatchObject({ agentId, ownerId: owner.userId, cause: 'FAILED_BACKUP', severity: 'WARNING' });
  });

  it('takes reports only from a backup agent key, and not from a revoked one', async () => {
    const { owner, agent, agentId } = await ownerWithAgent(backups);
    const byPerson = await owner.request(REPORT, { i: succeeded() });
    expect(byPerson.errors?.[0]?.extensions?.code).toBe(ErrorCode.FORBIDDEN);
    const deviceKey = new Caller(agent.url, viewerHeaders(owner.userId, [], { kind: 'apiKey', apiKeyId: agentId, issuer: 'telemetry' }), owner.userId);
    // Another issuer's key is no one here (service-kit's scopedTo): not even its owner.
    expect((await deviceKey.request(REPORT, { i: succeeded() })).errors?.[0]?.extensions?.code).toBe(ErrorCode.UNAUTHENTICATED);

    await owner.data('mutation($id: ID!) { revokeBackupAgentKey(id: $id) { apiKeyRevokedAt } }', { id: agentId });
    const revoked = await agent.request(REPORT, { i: succeeded() });
    expect(revoked.errors?.[0]?.extensions?.code).toBe(ErrorCode.UNAUTHENTICATED);
    const { rotateBackupAgentKey } = await owner.data('mutation($id: ID!) { rotateBackupAgentKey(id: $id) { apiKey agent { apiKeyRevokedAt } } }', { id: agentId });
    expect(rotateBackupAgentKey.agent.apiKeyRevokedAt).toBeNull();
    expect((await agent.request(REPORT, { i: succeeded() })).errors).toBeUndefined();

    const stranger = person(backups);
    const foreign = await stranger.request('mutation($id: ID!) { revokeBackupAgentKey(id: $id) { id } }', { id: agentId });
    expect(foreign.errors?.[0]?.extensions?.code).toBe(ErrorCode.NOT_FOUND);
  });
});
