import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BackupHealth } from '../domain/health';

/** A machine that backs up and reports its jobs with its own API key (`sgb_…`, whose id is the agent's). */
@Entity({ name: 'backup_agent' })
export class BackupAgent {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @Column({ name: 'policy_id', type: 'uuid' })
  policyId: string;

  @Column({ type: 'text' })
  hostname: string;

  @Column({ type: 'text' })
  os: string;

  /** sha256 (hex) of the key; the key itself is shown once and never stored. */
  @Column({ name: 'key_hash', type: 'text', select: false })
  keyHash: string;

  /** The key's first characters, to tell keys apart. */
  @Column({ name: 'key_prefix', type: 'text' })
  keyPrefix: string;

  @Column({ name: 'key_revoked_at', type: 'timestamptz', nullable: true })
  keyRevokedAt: Date | null;

  @Column({ type: 'text' })
  health: BackupHealth;

  @Column({ name: 'last_seen_at', type: 'timestamptz', nullable: true })
  lastSeenAt: Date | null;

  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true })
  lastSuccessAt: Date | null;

  /** When the checker looks at it again (its next deadline); null once CRITICAL. */
  @Column({ name: 'next_check_at', type: 'timestamptz', nullable: true })
  nextCheckAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
