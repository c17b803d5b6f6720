import { useQuery } from '@apollo/client/react';
import { BackupAgentReportDocument } from '@supergraph/client-core';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage, Loading } from '../../components/Status';
import { formatBytes, formatDuration, formatPercent, formatTime } from './format';
import { HealthBadge } from './HealthBadge';

const WEEK_MS = 7 * 24 * 3600_000;

/** One agent: its health, the last 7 days in figures, and its recent jobs. */
export function BackupAgentPage() {
  const { id = '' } = useParams();
  // The window is fixed when the page opens, so the query's variables (and its cache entry) stay the same.
  const range = useMemo(() => {
    const to = new Date();
    return { from: new Date(to.getTime() - WEEK_MS).toISOString(), to: to.toISOString() };
  }, []);
  const { data, error, refetch } = useQuery(BackupAgentReportDocument, { variables: { agentId: id, ...range }, fetchPolicy: 'cache-and-network' });

  if (error) return <ErrorMessage error={error} retry={() => void refetch()} />;
  if (!data) return <Loading what="Loading the agent" />;
  const report = data.backupReport;
  const { agent } = report;
  const jobs = agent.jobs.edges.map((edge) => edge.node);

  return (
    <>
      <section className="card">
        <Link to="/backups">← Backups</Link>
        <h1>
          {agent.hostname} <HealthBadge health={agent.health} testId="agent-health" />
        </h1>
        <p className="muted">
          {agent.os} · key {agent.apiKeyPrefix}… · policy {agent.policy.name} (every {agent.policy.expectedIntervalMinutes} min, kept {agent.policy.retentionDays} days) · last success{' '}
          {formatTime(agent.lastSuccessAt)}
        </p>
        <h2>Last 7 days</h2>
        <dl className="figures" data-testid="backup-report">
          <div>
            <dt>Success rate</dt>
            <dd data-testid="success-rate">{formatPercent(report.successRate)}</dd>
          </div>
          <div>
            <dt>Jobs</dt>
            <dd>{report.jobs}</dd>
          </div>
          <div>
            <dt>Succeeded</dt>
            <dd>{report.succeeded}</dd>
          </div>
          <div>
            <dt>Failed</dt>
            <dd data-testid="failed">{report.failed}</dd>
          </div>
          <div>
            <dt>Backed up</dt>
            <dd data-testid="total-bytes">{formatBytes(report.totalBytes)}</dd>
          </div>
          <div>
            <dt>Average duration</dt>
            <dd>{formatDuration(report.averageDurationSeconds)}</dd>
          </div>
        </dl>
      </section>
      <section className="card">
        <h2>Recent jobs</h2>
        {jobs.length === 0 ? (
          <p className="empty">No jobs reported yet.</p>
        ) : (
          <table className="lines">
            <thead>
              <tr>
                <th>Started</th>
                <th>Status</th>
                <th>Finished</th>
                <th>Size</th>
                <th>Files</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id} data-testid="backup-job">
                  <td>{formatTime(job.startedAt)}</td>
                  <td>
                    <span className={`status job-${job.status}`}>{job.status}</span>
                    {job.error && <span className="reason"> — {job.error}</span>}
                  </td>
                  <td>{job.finishedAt ? formatTime(job.finishedAt) : '—'}</td>
                  <td>{formatBytes(job.sizeBytes)}</td>
                  <td>{job.fileCount ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
