import { randomUUID } from 'node:crypto';
import type { Viewer } from '@supergraph/auth';
import { conflict, unauthenticated } from '@supergraph/errors';
import { inTransaction, pageSize, type SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import { healthAt, nextCheckAt } from '../domain/health';
import { parseJobReport, type JobReport } from '../domain/inputs';
import { BackupAgent } from '../entities/BackupAgent';
import { BackupJob } from '../entities/BackupJob';
import { BackupPolicy } from '../entities/BackupPolicy';
import type { Loaders } from '../loaders';
import { requireAgentKey } from './access';
import { announceRaised, raiseAlerts, resolveAlerts, type RaisedAlert } from './alerts';
import { decodePosition, type JobPage } from './paging';

/** Jobs: agents report them with their key; owners read them through their agents. */
export class JobService {
  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly loaders: Loaders,
    private readonly viewer: Viewer | null,
  ) {}

  /**
   * `reportBackupJob`, by the agent's own key. The job (new, or the STARTED one of the same
   * `startedAt` completed), the agent's last seen and last success, its health and its alerts
   * change in one transaction: a success resolves every unresolved alert of the agent, a failure
   * raises a FAILED_BACKUP alert, each with its event.
   */
  async report(input: Parameters<typeof parseJobReport>[0]): Promise<BackupJob> {
    const agentId = requireAgentKey(this.viewer);
    const now = new Date();
    const report = parseJobReport(input, now);
    const { job, raised } = await inTransaction(this.runtime.dataSource, async (manager) => {
      // The agent's row lock orders its reports (and keeps the checker off it meanwhile).
      const agent = await manager.findOne(BackupAgent, { where: { id: agentId }, lock: { mode: 'pessimistic_write' } });
      // The router caches a key's check for 30 s: a key revoked since is refused here.
      if (!agent || agent.keyRevokedAt) throw unauthenticated('This agent key was revoked');
      const job = await this.recordJob(manager, agent.id, report);
      const changes: Partial<BackupAgent> = { lastSeenAt: now };
      let raised: RaisedAlert[] = [];
      if (report.status === 'SUCCEEDED') {
        const finishedAt = report.finishedAt ?? now;
        const lastSuccess = agent.lastSuccessAt && agent.lastSuccessAt > finishedAt ? agent.lastSuccessAt : finishedAt;
        const policy = await manager.findOneByOrFail(BackupPolicy, { id: agent.policyId });
        const health = healthAt(lastSuccess, policy.expectedIntervalMinutes, now);
        Object.assign(changes, { lastSuccessAt: lastSuccess, health, nextCheckAt: nextCheckAt(health, lastSuccess, policy.expectedIntervalMinutes) });
        await resolveAlerts(this.runtime, manager, agent.id, now);
      } else if (report.status === 'FAILED') {
        raised = await raiseAlerts(this.runtime, manager, [{ agentId: agent.id, ownerId: agent.ownerId, hostname: agent.hostname, cause: 'FAILED_BACKUP', severity: 'WARNING' }], now);
      }
      await manager.update(BackupAgent, { id: agent.id }, changes);
      return { job, raised };
    });
    this.runtime.eventsCommitted();
    announceRaised(this.runtime, raised);
    this.loaders.agentById.clear(agentId);
    return job;
  }

  /** A new job, or the STARTED one of the same start completed; a finished job is not reported twice. */
  private async recordJob(manager: EntityManager, agentId: string, report: JobReport): Promise<BackupJob> {
    const earlier = await manager.findOne(BackupJob, { where: { agentId, startedAt: report.startedAt }, lock: { mode: 'pessimistic_write' } });
    const fields = { status: report.status, finishedAt: report.finishedAt, sizeBytes: report.sizeBytes, fileCount: report.fileCount, error: report.error, reportedAt: new Date() };
    if (!earlier) {
      const job = manager.create(BackupJob, { id: randomUUID(), agentId, startedAt: report.startedAt, ...fields });
      await manager.insert(BackupJob, job);
      return job;
    }
    if (report.status === 'STARTED' && earlier.status === 'STARTED') return earlier;
    if (earlier.status !== 'STARTED') throw conflict('This job was already reported as finished', { status: earlier.status });
    await manager.update(BackupJob, { id: earlier.id }, fields);
    return Object.assign(earlier, fields);
  }

  /** `BackupAgent.jobs` (the agent was authorized when it was read): batched over a page of agents. */
  jobsOf(agent: BackupAgent, first: number | null | undefined, after: string | null | undefined): Promise<JobPage> {
    return this.loaders.jobPages.load({ agentId: agent.id, size: pageSize(first), position: decodePosition('jobs', after) });
  }
}
