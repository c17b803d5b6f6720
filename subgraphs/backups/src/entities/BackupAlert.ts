import { Column, Entity, PrimaryColumn } from 'typeorm';

export type AlertCause = 'MISSED_BACKUP' | 'FAILED_BACKUP';
export type AlertSeverity = 'WARNING' | 'CRITICAL';
export type AlertStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';

/** Something wrong with an agent's backups; at most one unresolved per agent and cause. */
@Entity({ name: 'backup_alert' })
export class BackupAlert {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'agent_id', type: 'uuid' })
  agentId: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @Column({ type: 'text' })
  hostname: string;

  @Column({ type: 'text' })
  cause: AlertCause;

  @Column({ type: 'text' })
  severity: AlertSeverity;

  @Column({ type: 'text' })
  status: AlertStatus;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true })
  acknowledgedBy: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}
