import type { BackupAlertSeverity, BackupHealth } from '@supergraph/client-core';

export function HealthBadge({ health, testId }: { health: BackupHealth | BackupAlertSeverity; testId?: string }) {
  return (
    <span className={`status health-${health}`} data-testid={testId}>
      {health}
    </span>
  );
}
