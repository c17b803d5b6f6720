import { ErrorCode } from '@supergraph/errors';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { minutesFrom, ownerWithAgent, person, REPORT, startBackups } from './helpers';

const REPORT_QUERY = `query($id: ID!, $f: DateTime!, $t: DateTime!) {
  backupReport(agentId: $id, from: $f, to: $t) { agent { id } jobs succeeded failed successRate totalBytes averageDurationSeconds lastSuccessAt }
}`;

/** `backupReport` is one SQL aggregate; its figures match the same sums done here, over [from, to). */
describe('backupReport', () => {
  let backups: RunningSubgraph;
  let messaging: Messaging;

  beforeAll(async () => {
    messaging = await testMessaging('backups-report');
    backups = await startBackups({ messaging, databaseUrl: await testDatabaseUrl('backups_report') });
  });
  afterAll(async () => {
    await backups?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('counts, rates and sums the jobs that started in the range', async () => {
    const { owner, agent, agentId } = await ownerWithAgent(backups);
    const now = Date.now();
    // 40 jobs an hour apart: sizes beyond 2^32, every 7th failed, the newest still running.
    const jobs = Array.from({ length: 40 }, (_, i) => {
      const startedAt = minutesFrom(now, -60 * (i + 1));
      const status = i === 0 ? 'STARTED' : i % 7 === 3 ? 'FAILED' : 'SUCCEEDED';
      const minutes = 5 + (i % 4);
      return { status, startedAt, finishedAt: status === 'STARTED' ? null : minutesFrom(startedAt, minutes), minutes, sizeBytes: status === 'SUCCEEDED' ? 4_294_967_296n * BigInt(i + 1) + 7n : null };
    });
    for (const job of jobs) {
      await agent.data(REPORT, {
        i: {
          status: job.status,
          startedAt: job.startedAt.toISOString(),
          finishedAt: job.finishedAt?.toISOString() ?? null,
          sizeBytes: job.sizeBytes?.toString() ?? null,
          error: job.status === 'FAILED' ? 'boom' : null,
        },
      });
    }
    const from = minutesFrom(now, -60 * 30 - 30);
    const to = minutesFrom(now, -60 * 2 + 1);
    const inRange = jobs.filter((j) => j.startedAt >= from && j.startedAt < to);
    const succeeded = inRange.filter((j) => j.status === 'SUCCEEDED');
    const failed = inRange.filter((j) => j.status === 'FAILED');
    const finished = inRange.filter((j) => j.finishedAt);
    const lastSuccess = succeeded.map((j) => j.finishedAt!.getTime()).reduce((a, b) => Math.max(a, b));

    const { backupReport } = await owner.data(REPORT_QUERY, { id: agentId, f: from, t: to });
    expect(backupReport).toEqual({
      agent: { id: agentId },
      jobs: inRange.length,
      succeeded: succeeded.length,
      failed: failed.length,
      successRate: succeeded.length / (succeeded.length + failed.length),
      totalBytes: succeeded.reduce((sum, j) => sum + j.sizeBytes!, 0n).toString(),
      averageDurationSeconds: expect.closeTo((finished.reduce((sum, j) => sum + j.minutes, 0) * 60) / finished.length, 6),
      lastSuccessAt: new Date(lastSuccess).toISOString(),
    });
    expect(inRange.length).toBe(29);
    expect(BigInt(backupReport.totalBytes)).toBeGreaterThan(2n ** 40n);

    const empty = await owner.data(REPORT_QUERY, { id: agentId, f: minutesFrom(now, 60), t: minutesFrom(now, 120) });
    expect(empty.backupReport).toMatchObject({ jobs: 0, succeeded: 0, failed: 0, successRate: null, totalBytes: '0', averageDurationSeconds: null, lastSuccessAt: null });
  });

  it("is the owner's, admins' and operators' only", async () => {
    const { agentId } = await ownerWithAgent(backups);
    const variables = { id: agentId, f: minutesFrom(Date.now(), -60), t: new Date() };
    const stranger = await person(backups).request(REPORT_QUERY, variables);
    expect(stranger.errors?.[0]?.extensions?.code).toBe(ErrorCode.NOT_FOUND);
    for (const role of ['ADMIN', 'OPERATOR'] as const) {
      expect((await person(backups, [role]).data(REPORT_QUERY, variables)).backupReport.jobs).toBe(0);
    }
  });
});
