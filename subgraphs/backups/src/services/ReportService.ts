import type { Viewer } from '@supergraph/auth';
import { notFound } from '@supergraph/errors';
import { queryRows, type SubgraphRuntime } from '@supergraph/service-kit';
import { parseRange, uuid } from '../domain/inputs';
import type { BackupAgent } from '../entities/BackupAgent';
import type { Loaders } from '../loaders';
import { canRead, requirePerson } from './access';

/** `backupReport`: an agent's figures over a range. */
export interface BackupReportView {
  agent: BackupAgent;
  from: Date;
  to: Date;
  jobs: number;
  succeeded: number;
  failed: number;
  successRate: number | null;
  /** A decimal string: sums of bigint sizes exceed 2^53. */
  totalBytes: string;
  averageDurationSeconds: number | null;
  lastSuccessAt: Date | null;
}

interface Figures {
  jobs: number;
  succeeded: number;
  failed: number;
  total_bytes: string;
  average_seconds: number | null;
  last_success_at: Date | null;
}

export class ReportService {
  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly loaders: Loaders,
    private readonly viewer: Viewer | null,
  ) {}

  /** Computed in SQL, one aggregate over the agent's jobs that started in [from, to). */
  async report(agentId: string, fromValue: string | Date, toValue: string | Date): Promise<BackupReportView> {
    const viewer = requirePerson(this.viewer);
    uuid(agentId, 'agentId');
    const { from, to } = parseRange(fromValue, toValue);
    const agent = await this.loaders.agentById.load(agentId);
    // Someone else's agent and an unknown one get the same answer.
    if (!agent || !canRead(viewer, agent.ownerId)) throw notFound('Backup agent not found', { agentId });
    const [figures] = await queryRows<Figures>(
      this.runtime.dataSource,
      `SELECT count(*)::int AS jobs,
              count(*) FILTER (WHERE status = 'SUCCEEDED')::int AS succeeded,
              count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
              coalesce(sum(size_bytes) FILTER (WHERE status = 'SUCCEEDED'), 0)::text AS total_bytes,
              avg(extract(epoch FROM finished_at - started_at)) FILTER (WHERE finished_at IS NOT NULL)::float8 AS average_seconds,
              max(finished_at) FILTER (WHERE status = 'SUCCEEDED') AS last_success_at
       FROM backup_job WHERE agent_id = $1 AND started_at >= $2 AND started_at < $3`,
      [agent.id, from, to],
    );
    const finished = figures.succeeded + figures.failed;
    return {
      agent,
      from,
      to,
      jobs: figures.jobs,
      succeeded: figures.succeeded,
      failed: figures.failed,
      successRate: finished ? figures.succeeded / finished : null,
      totalBytes: figures.total_bytes,
      averageDurationSeconds: figures.average_seconds,
      lastSuccessAt: figures.last_success_at,
    };
  }
}
