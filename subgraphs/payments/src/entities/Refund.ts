import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'refund' })
export class Refund {
  /** Also the idempotency key of the provider's refund. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId: string;

  @Column({ type: 'integer' })
  amount: number;

  @Column({ type: 'text' })
  currency: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** PENDING until the provider confirmed it; the amount is reserved on the payment meanwhile. */
  @Column({ type: 'text' })
  status: 'PENDING' | 'SUCCEEDED';

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ name: 'provider_ref', type: 'text', nullable: true })
  providerRef: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
