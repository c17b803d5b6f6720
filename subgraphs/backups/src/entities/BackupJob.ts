import { Column, Entity, PrimaryColumn } from 'typeorm';

export type BackupJobStatus = 'STARTED' | 'SUCCEEDED' | 'FAILED';

/** One run of an agent, as it reported it; the same (agent, startedAt) is the same job. */
@Entity({ name: 'backup_job' })
export class BackupJob {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'agent_id', type: 'uuid' })
  agentId: string;

  @Column({ type: 'text' })
  status: BackupJobStatus;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** bigint: node-postgres hands it over as a decimal string, which is what the `Long` scalar sends. */
  @Column({ name: 'size_bytes', type: 'bigint', nullable: true })
  sizeBytes: string | null;

  @Column({ name: 'file_count', type: 'integer', nullable: true })
  fileCount: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'reported_at', type: 'timestamptz', default: () => 'now()' })
  reportedAt: Date;
}
