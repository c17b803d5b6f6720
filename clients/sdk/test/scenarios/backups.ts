import { readUntil, type Client, type SdkFixture } from '../helpers/sdk-fixture';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type JobInput = Parameters<Client['reportBackupJob']>[0]['input'];

/** What `backupReport` should say of `jobs` (all started within the range), computed here on its own. */
function reportOf(jobs: JobInput[]) {
  const finished = jobs.filter(({ status }) => status !== 'STARTED');
  const succeeded = jobs.filter(({ status }) => status === 'SUCCEEDED');
  const seconds = finished.map(({ startedAt, finishedAt }) => (Date.parse(finishedAt!) - Date.parse(startedAt)) / 1000);
  return {
    jobs: jobs.length,
    succeeded: succeeded.length,
    failed: finished.length - succeeded.length,
    successRate: succeeded.length / finished.length,
    totalBytes: succeeded.reduce((sum, { sizeBytes }) => sum + BigInt(sizeBytes ?? 0), 0n).toString(),
    averageDurationSeconds: seconds.reduce((sum, value) => sum + value, 0) / seconds.length,
    lastSuccessAt: new Date(Math.max(...succeeded.map(({ finishedAt }) => Date.parse(finishedAt!)))).toISOString(),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export function describeBackups(fixture: SdkFixture) {
  describe('backups: an agent of the demo customer', () => {
    it('reports a FAILED job with its key, the owner sees the alert and its notification live, and the report figures match', async () => {
      const owner = fixture.client({ token: (await fixture.signIn('customer@example.com')).accessToken, subscriptionTransport: 'websocket' });
      // A 30-day interval: the checker raises no MISSED_BACKUP alert for this agent while the test runs.
      const { createBackupPolicy: policy } = await owner.createBackupPolicy({ input: { name: `SDK test ${Date.now()}`, expectedIntervalMinutes: 43_200, retentionDays: 30 } });
      const hostname = `sdk-${Date.now()}.example.com`;
      const { registerBackupAgent } = await owner.registerBackupAgent({ input: { hostname, os: 'Debian 13', policyId: policy.id } });
      const agentId = registerBackupAgent.agent.id;
      expect(registerBackupAgent.agent).toMatchObject({ hostname, health: 'HEALTHY', policy: { id: policy.id } });
      const agent = fixture.client({ apiKey: registerBackupAgent.apiKey });

      const from = Date.now() - 6 * HOUR;
      const jobs: JobInput[] = [
        { status: 'SUCCEEDED', startedAt: iso(from), finishedAt: iso(from + 10 * MINUTE), sizeBytes: '5368709120', fileCount: 1200 },
        { status: 'SUCCEEDED', startedAt: iso(from + HOUR), finishedAt: iso(from + HOUR + 5 * MINUTE), sizeBytes: '4000000001', fileCount: 900 },
        { status: 'STARTED', startedAt: iso(from + 2 * HOUR) },
      ];
      for (const input of jobs) expect((await agent.reportBackupJob({ input })).reportBackupJob).toMatchObject({ status: input.status, sizeBytes: input.sizeBytes ?? null });

      // A subscription sends no current state, so there is no telling when it is live: fail a job,
      // and if no alert comes, succeed one (resolving the alert) and fail another.
      const live = owner.backupAlertRaised();
      // Messaging tells the owner too, from the alert's event: by then this subscription is open.
      const inbox = owner.notificationAdded();
      const notified = readUntil(inbox, ({ notificationAdded }) => notificationAdded.kind === 'BACKUP_ALERT' && notificationAdded.title.includes(hostname));
      const raised = readUntil(live, ({ backupAlertRaised: alert }) => alert.agent.id === agentId);
      let done = false;
      void raised.then(
        () => (done = true),
        () => (done = true),
      );
      for (let attempt = 0; !done && attempt < 20; attempt++) {
        const startedAt = from + 3 * HOUR + attempt * 4 * MINUTE;
        const failed: JobInput = { status: 'FAILED', startedAt: iso(startedAt), finishedAt: iso(startedAt + MINUTE), error: 'disk full' };
        await agent.reportBackupJob({ input: failed });
        jobs.push(failed);
        await Promise.race([raised, new Promise((resolve) => setTimeout(resolve, 1000))]);
        if (done) break;
        const retried: JobInput = { status: 'SUCCEEDED', startedAt: iso(startedAt + 2 * MINUTE), finishedAt: iso(startedAt + 3 * MINUTE), sizeBytes: '10' };
        await agent.reportBackupJob({ input: retried });
        jobs.push(retried);
      }
      const alert = (await raised).at(-1)!.backupAlertRaised;
      expect(alert).toMatchObject({ agent: { id: agentId, hostname }, cause: 'FAILED_BACKUP', severity: 'WARNING', status: 'OPEN' });
      live.unsubscribe();

      const { backupAlerts } = await owner.backupAlerts({ status: 'OPEN', first: 100 });
      expect(backupAlerts.edges.map(({ node }) => node.id)).toContain(alert.id);
      expect((await owner.acknowledgeBackupAlert({ id: alert.id })).acknowledgeBackupAlert).toMatchObject({ id: alert.id, status: 'ACKNOWLEDGED' });

      const { backupAgents } = await owner.backupAgents({ filter: { hostname } });
      expect(backupAgents.edges.map(({ node }) => node.id)).toEqual([agentId]);

      const { backupReport } = await owner.backupReport({ agentId, from: iso(from), to: iso(Date.now()) });
      const { lastSuccessAt, averageDurationSeconds, successRate, ...figures } = reportOf(jobs);
      expect(backupReport).toMatchObject({ agent: { id: agentId }, ...figures });
      expect(backupReport.successRate).toBeCloseTo(successRate, 9);
      expect(backupReport.averageDurationSeconds).toBeCloseTo(averageDurationSeconds, 6);
      expect(new Date(backupReport.lastSuccessAt!).toISOString()).toBe(lastSuccessAt);

      const notification = (await notified).at(-1)!.notificationAdded;
      expect(notification).toMatchObject({ title: `Warning: backups of ${hostname}`, body: `Backups of ${hostname} are failing.`, read: false });
      inbox.unsubscribe();
      const { notifications } = await owner.notifications({ unreadOnly: true, first: 100 });
      expect(notifications.edges.map(({ node }) => node.id)).toContain(notification.id);
      expect((await owner.markNotificationRead({ id: notification.id })).markNotificationRead).toMatchObject({ id: notification.id, read: true });
    }, 60_000);
  });
}
