import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, graphql, testDatabaseUrl, testMessaging, viewerHeaders } from '@supergraph/testkit';
import { purgeExpiredJobs } from '../src/services/retention';
import { minutesFrom, ownerWithAgent, REGISTER, REPORT, startBackups } from './helpers';

const DAY = 24 * 60;

/** Jobs past their policy's retention go in bounded batches; lists of agents and of jobs cost one query each. */
describe('retention and batching', () => {
  let backups: RunningSubgraph;
  let messaging: Messaging;

  beforeAll(async () => {
    messaging = await testMessaging('backups-retention');
    backups = await startBackups({ messaging, databaseUrl: await testDatabaseUrl('backups_retention') });
  });
  afterAll(async () => {
    await backups?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it("purges the jobs older than each agent's policy keeps, batch by batch", async () => {
    const short = await ownerWithAgent(backups, { retentionDays: 2 });
    const long = await ownerWithAgent(backups, { retentionDays: 30 });
    for (const { agent } of [short, long]) {
      for (const daysAgo of [1, 3, 4, 5, 6, 10]) {
        const startedAt = minutesFrom(Date.now(), -daysAgo * DAY);
        await agent.data(REPORT, { i: { status: 'FAILED', startedAt: startedAt.toISOString(), finishedAt: minutesFrom(startedAt, 1).toISOString(), error: 'x' } });
      }
    }
    expect(await purgeExpiredJobs(backups.runtime, new Date(), 2, 1)).toBe(2);
    expect(await purgeExpiredJobs(backups.runtime, new Date(), 2)).toBe(3);
    const left = await backups.database.dataSource.query('SELECT agent_id, count(*)::int AS n FROM backup_job GROUP BY agent_id');
    expect(Object.fromEntries(left.map((r: any) => [r.agent_id, r.n]))).toEqual({ [short.agentId]: 1, [long.agentId]: 6 });
  });

  it("answers a page of agents with their policies and jobs, and users' agents, in one query each", async () => {
    const { owner, policyId, agent } = await ownerWithAgent(backups);
    for (let i = 0; i < 4; i++) await owner.data(REGISTER, { i: { hostname: `more-${i}`, os: 'Linux', policyId } });
    for (let i = 1; i <= 3; i++) {
      const startedAt = minutesFrom(Date.now(), -i * 60);
      await agent.data(REPORT, { i: { status: 'SUCCEEDED', startedAt: startedAt.toISOString(), finishedAt: minutesFrom(startedAt, 5).toISOString(), sizeBytes: '10' } });
    }
    const before = backups.database.queryCount;
    const page = await owner.data('{ backupAgents(first: 10) { totalCount edges { node { hostname policy { name } jobs(first: 2) { edges { node { status } } pageInfo { hasNextPage } } } } } }');
    // The page, its count, the policies, the jobs.
    expect(backups.database.queryCount - before).toBe(4);
    expect(page.backupAgents.totalCount).toBe(5);
    const withJobs = page.backupAgents.edges.find((e: any) => e.node.hostname === 'host-1').node;
    expect(withJobs.jobs).toEqual({ edges: [{ node: { status: 'SUCCEEDED' } }, { node: { status: 'SUCCEEDED' } }], pageInfo: { hasNextPage: true } });

    const other = await ownerWithAgent(backups);
    const reps = [owner.userId, other.owner.userId].map((id) => ({ __typename: 'User', id }));
    const admin = viewerHeaders(owner.userId, ['ADMIN']);
    const start = backups.database.queryCount;
    const users = await graphql(`${backups.url}/graphql`, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { backupAgents { hostname } } } }', { r: reps }, admin);
    expect(backups.database.queryCount - start).toBe(1);
    expect(users.data._entities.map((u: any) => u.backupAgents.length)).toEqual([5, 1]);
    // Someone else's agents are not listed for a plain user.
    const mine = await graphql(`${backups.url}/graphql`, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { backupAgents { hostname } } } }', { r: reps }, owner.headers);
    expect(mine.data._entities.map((u: any) => u.backupAgents.length)).toEqual([5, 0]);
  });
});
