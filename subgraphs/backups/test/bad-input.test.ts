import { ErrorCode } from '@supergraph/errors';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, graphql, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { CREATE_POLICY, minutesFrom, ownerWithAgent, person, REGISTER, REPORT, startBackups, succeeded } from './helpers';

/** Every mutation refuses bad input with its code and the offending field, and changes nothing. */
describe('bad input to backups', () => {
  let backups: RunningSubgraph;
  let messaging: Messaging;
  let fixture: Awaited<ReturnType<typeof ownerWithAgent>>;

  /** Row counts of every table: a refused mutation leaves them as they were. */
  const counts = async () =>
    (
      await backups.database.dataSource.query(
        `SELECT (SELECT count(*) FROM backup_policy) AS policies, (SELECT count(*) FROM backup_agent) AS agents, (SELECT count(*) FROM backup_job) AS jobs,
                (SELECT count(*) FROM backup_alert) AS alerts, (SELECT count(*) FROM outbox) AS events, (SELECT string_agg(key_hash || coalesce(key_revoked_at::text, ''), ',') FROM backup_agent) AS keys`,
      )
    )[0];

  const refused = async (request: () => Promise<{ errors?: { extensions?: Record<string, any> }[] }>, code: string, field?: string) => {
    const before = await counts();
    const res = await request();
    expect(res.errors?.[0]?.extensions).toMatchObject(field ? { code, field } : { code });
    expect(await counts()).toEqual(before);
  };

  beforeAll(async () => {
    messaging = await testMessaging('backups-bad-input');
    backups = await startBackups({ messaging, databaseUrl: await testDatabaseUrl('backups_bad_input') });
    fixture = await ownerWithAgent(backups);
  });
  afterAll(async () => {
    await backups?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('createBackupPolicy', async () => {
    const { owner } = fixture;
    const policy = (i: Record<string, unknown>) => () => owner.request(CREATE_POLICY, { i: { name: 'P', expectedIntervalMinutes: 60, retentionDays: 7, ...i } });
    await refused(policy({ name: '  ' }), ErrorCode.BAD_USER_INPUT, 'input.name');
    await refused(policy({ name: 'x'.repeat(101) }), ErrorCode.BAD_USER_INPUT, 'input.name');
    await refused(policy({ expectedIntervalMinutes: 14 }), ErrorCode.BAD_USER_INPUT, 'input.expectedIntervalMinutes');
    await refused(policy({ expectedIntervalMinutes: 43_201 }), ErrorCode.BAD_USER_INPUT, 'input.expectedIntervalMinutes');
    await refused(policy({ retentionDays: 0 }), ErrorCode.BAD_USER_INPUT, 'input.retentionDays');
    await refused(() => graphql(`${backups.url}/graphql`, CREATE_POLICY, { i: { name: 'P', expectedIntervalMinutes: 60, retentionDays: 7 } }), ErrorCode.UNAUTHENTICATED);
    await refused(() => fixture.agent.request(CREATE_POLICY, { i: { name: 'P', expectedIntervalMinutes: 60, retentionDays: 7 } }), ErrorCode.FORBIDDEN);

    // An owner keeps at most 100 policies (backupPolicies lists them in one page).
    const busy = person(backups);
    await backups.database.dataSource.query(
      `INSERT INTO backup_policy (id, owner_id, name, expected_interval_minutes, retention_days) SELECT gen_random_uuid(), $1, 'p' || i, 60, 7 FROM generate_series(1, 100) AS i`,
      [busy.userId],
    );
    await refused(() => busy.request(CREATE_POLICY, { i: { name: 'P', expectedIntervalMinutes: 60, retentionDays: 7 } }), ErrorCode.CONFLICT);
    expect((await busy.data('{ backupPolicies { id } }')).backupPolicies).toHaveLength(100);
  });

  it('registerBackupAgent', async () => {
    const { owner, policyId } = fixture;
    const register =
      (i: Record<string, unknown>, caller = owner) =>
      () =>
        caller.request(REGISTER, { i: { hostname: 'h', os: 'Linux', policyId, ...i } });
    await refused(register({ hostname: '' }), ErrorCode.BAD_USER_INPUT, 'input.hostname');
    await refused(register({ hostname: 'h'.repeat(254) }), ErrorCode.BAD_USER_INPUT, 'input.hostname');
    await refused(register({ os: 'o'.repeat(101) }), ErrorCode.BAD_USER_INPUT, 'input.os');
    await refused(register({ policyId: 'not-a-uuid' }), ErrorCode.BAD_USER_INPUT, 'input.policyId');
    // Someone else's policy is as unknown as a missing one.
    await refused(register({}, person(backups)), ErrorCode.BAD_USER_INPUT, 'input.policyId');
  });

  it('reportBackupJob', async () => {
    const { agent } = fixture;
    const now = Date.now();
    const report = (i: Record<string, unknown>) => () => agent.request(REPORT, { i: { ...succeeded(), ...i } });
    await refused(report({ startedAt: minutesFrom(now, 10).toISOString(), finishedAt: minutesFrom(now, 11).toISOString() }), ErrorCode.BAD_USER_INPUT, 'input.startedAt');
    await refused(report({ startedAt: minutesFrom(now, -367 * 24 * 60).toISOString() }), ErrorCode.BAD_USER_INPUT, 'input.startedAt');
    await refused(report({ finishedAt: minutesFrom(now, 10).toISOString() }), ErrorCode.BAD_USER_INPUT, 'input.finishedAt');
    await refused(report({ startedAt: minutesFrom(now, -1).toISOString(), finishedAt: minutesFrom(now, -2).toISOString() }), ErrorCode.BAD_USER_INPUT, 'input.finishedAt');
    await refused(report({ finishedAt: null }), ErrorCode.BAD_USER_INPUT, 'input.finishedAt');
    await refused(report({ status: 'STARTED' }), ErrorCode.BAD_USER_INPUT, 'input.finishedAt');
    await refused(report({ sizeBytes: '-1' }), ErrorCode.BAD_USER_INPUT, 'input.sizeBytes');
    await refused(report({ sizeBytes: '9223372036854775808' }), ErrorCode.BAD_USER_INPUT, 'input.sizeBytes');
    await refused(report({ sizeBytes: '12.5' }), ErrorCode.BAD_USER_INPUT);
    await refused(report({ fileCount: -1 }), ErrorCode.BAD_USER_INPUT, 'input.fileCount');
    await refused(report({ error: 'only with FAILED' }), ErrorCode.BAD_USER_INPUT, 'input.error');
    await refused(report({ status: 'FAILED', error: 'e'.repeat(2001) }), ErrorCode.BAD_USER_INPUT, 'input.error');
    await refused(report({ startedAt: 'yesterday' }), ErrorCode.BAD_USER_INPUT);
    await refused(() => fixture.owner.request(REPORT, { i: succeeded() }), ErrorCode.FORBIDDEN);
  });

  it('rotateBackupAgentKey, revokeBackupAgentKey and acknowledgeBackupAlert', async () => {
    const { owner, agentId } = fixture;
    for (const mutation of ['rotateBackupAgentKey(id: $id) { apiKey }', 'revokeBackupAgentKey(id: $id) { id }', 'acknowledgeBackupAlert(id: $id) { id }']) {
      await refused(() => owner.request(`mutation($id: ID!) { ${mutation} }`, { id: 'nope' }), ErrorCode.BAD_USER_INPUT, 'id');
      await refused(() => person(backups).request(`mutation($id: ID!) { ${mutation} }`, { id: agentId }), ErrorCode.NOT_FOUND);
    }
  });

  it('reads: page sizes, cursors, report ranges', async () => {
    const { owner, agentId } = fixture;
    await refused(() => owner.request('{ backupAgents(first: 101) { totalCount } }'), ErrorCode.BAD_USER_INPUT, 'first');
    await refused(() => owner.request('{ backupAgents(after: "bm9wZQ") { totalCount } }'), ErrorCode.BAD_USER_INPUT, 'after');
    const { backupAlerts } = await owner.data('{ backupAlerts { pageInfo { endCursor } } }');
    expect(backupAlerts.pageInfo.endCursor).toBeNull();
    const agents = await owner.data('{ backupAgents(first: 1) { pageInfo { endCursor } } }');
    // A cursor of the agents list is not one of the alerts list.
    await refused(() => owner.request('query($a: String) { backupAlerts(after: $a) { pageInfo { hasNextPage } } }', { a: agents.backupAgents.pageInfo.endCursor }), ErrorCode.BAD_USER_INPUT, 'after');
    const range = (from: Date, to: Date) => () =>
      owner.request('query($id: ID!, $f: DateTime!, $t: DateTime!) { backupReport(agentId: $id, from: $f, to: $t) { jobs } }', { id: agentId, f: from, t: to });
    await refused(range(new Date(), minutesFrom(Date.now(), -1)), ErrorCode.BAD_USER_INPUT, 'to');
    await refused(range(minutesFrom(Date.now(), -400 * 24 * 60), new Date()), ErrorCode.BAD_USER_INPUT, 'to');
  });
});
