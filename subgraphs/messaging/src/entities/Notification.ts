import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationKind = 'ORDER_STATUS' | 'DELIVERY_ASSIGNED' | 'DELIVERY_FAILED' | 'PAYMENT_REFUNDED' | 'BACKUP_ALERT';

@Entity({ name: 'notification' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'bigint', insert: false, update: false, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seq: number;

  @Column({ name: 'user_id', type: 'text' })
  userId: string;

  @Column({ type: 'text' })
  kind: NotificationKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'order_id', type: 'uuid', nullable: true })
  orderId: string | null;

  /** `<topic>:<entity>:<fact>`, unique: a redelivered event makes no second notification. */
  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey: string;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
