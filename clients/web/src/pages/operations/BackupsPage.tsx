import { useQuery } from '@apollo/client/react';
import { BackupAgentsDocument } from '@supergraph/client-core';
import { Link } from 'react-router';
import { ErrorMessage, Loading } from '../../components/Status';
import { BackupAlerts } from './BackupAlerts';
import { formatTime } from './format';
import { HealthBadge } from './HealthBadge';

/** The viewer's backup agents and their open alerts. */
export function BackupsPage() {
  const { data, error, refetch } = useQuery(BackupAgentsDocument, { fetchPolicy: 'cache-and-network' });
  const agents = data?.backupAgents;

  return (
    <>
      <section className="card">
        <h1>Backups</h1>
        {error ? (
          <ErrorMessage error={error} retry={() => void refetch()} />
        ) : !agents ? (
          <Loading what="Loading your backup agents" />
        ) : agents.totalCount === 0 ? (
          <p className="empty">No backup agents yet: register one with registerBackupAgent and give it its key.</p>
        ) : (
          <table className="lines">
            <thead>
              <tr>
                <th>Agent</th>
                <th>Health</th>
                <th>Last success</th>
                <th>Policy</th>
              </tr>
            </thead>
            <tbody>
              {agents.edges.map(({ node }) => (
                <tr key={node.id} data-testid="backup-agent">
                  <td>
                    <Link to={`/backups/${node.id}`}>{node.hostname}</Link> <span className="muted">{node.os}</span>
                  </td>
                  <td>
                    <HealthBadge health={node.health} testId="agent-health" />
                  </td>
                  <td>{formatTime(node.lastSuccessAt)}</td>
                  <td>
                    {node.policy.name} <span className="muted">(every {node.policy.expectedIntervalMinutes} min)</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {agents?.pageInfo.hasNextPage && (
          <p className="muted">
            Showing the first {agents.edges.length} of {agents.totalCount} agents.
          </p>
        )}
      </section>
      {/* An alert changes an agent's health: read the agents again with it. */}
      <BackupAlerts onRaised={() => void refetch()} />
    </>
  );
}
