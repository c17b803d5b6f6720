import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { AcknowledgeBackupAlertDocument, BackupAlertRaisedDocument, BackupAlertsDocument } from '@supergraph/client-core';
import { Link } from 'react-router';
import { ErrorMessage, Loading } from '../../components/Status';
import { formatTime } from './format';
import { HealthBadge } from './HealthBadge';

/** The viewer's open alerts, with a new one appearing as backupAlertRaised announces it. */
export function BackupAlerts({ onRaised }: { onRaised: () => void }) {
  const { data, error, refetch } = useQuery(BackupAlertsDocument, { fetchPolicy: 'cache-and-network' });
  // A raise may be a new alert or an old one escalated (OPEN again): read the list again rather than guess where it goes.
  const live = useSubscription(BackupAlertRaisedDocument, {
    onData: () => {
      void refetch();
      onRaised();
    },
  });
  const [acknowledge, acknowledging] = useMutation(AcknowledgeBackupAlertDocument, { refetchQueries: [BackupAlertsDocument] });

  if (error) return <ErrorMessage error={error} retry={() => void refetch()} />;
  if (!data) return <Loading what="Loading alerts" />;
  const alerts = data.backupAlerts.edges.map((edge) => edge.node);
  return (
    <section className="card">
      <h2>Open alerts</h2>
      <p className="muted">{live.error ? 'live alerts unavailable' : 'new alerts appear live'}</p>
      {live.error && <ErrorMessage error={live.error} />}
      {alerts.length === 0 ? (
        <p className="empty">No open alerts.</p>
      ) : (
        <ul className="alerts">
          {alerts.map((alert) => (
            <li key={alert.id} data-testid="backup-alert">
              <HealthBadge health={alert.severity} /> <strong>{alert.cause === 'MISSED_BACKUP' ? 'Missed backup' : 'Failed backup'}</strong> on{' '}
              <Link to={`/backups/${alert.agent.id}`}>{alert.agent.hostname}</Link> <span className="muted">raised {formatTime(alert.raisedAt)}</span>{' '}
              <button type="button" disabled={acknowledging.loading} onClick={() => void acknowledge({ variables: { id: alert.id } }).catch(() => undefined)}>
                Acknowledge
              </button>
            </li>
          ))}
        </ul>
      )}
      {acknowledging.error && <ErrorMessage error={acknowledging.error} />}
    </section>
  );
}
