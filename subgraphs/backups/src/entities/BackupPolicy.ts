import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How often an owner's agents must back up, and how long their job history is kept. */
@Entity({ name: 'backup_policy' })
export class BackupPolicy {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'expected_interval_minutes', type: 'integer' })
  expectedIntervalMinutes: number;

  @Column({ name: 'retention_days', type: 'integer' })
  retentionDays: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
