import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A device of a user's; it authenticates with its own API key, whose id is the device's id. */
@Entity({ name: 'device' })
export class Device {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: string;

  /** The key's first characters, shown to tell keys apart; null once revoked. */
  @Column({ name: 'key_prefix', type: 'text', nullable: true })
  keyPrefix: string | null;

  /** sha256 of the key (never the key); null once revoked. */
  @Column({ name: 'key_hash', type: 'text', nullable: true })
  keyHash: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
