import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type PaymentMethod = 'CARD' | 'CREDIT_LINE';
export type PaymentStatus = 'PENDING' | 'AUTHORIZED' | 'CAPTURED' | 'FAILED' | 'REFUNDED' | 'PARTIALLY_REFUNDED';

/** One order's payment (one per order). Its id is also the idempotency key sent to the provider. */
@Entity({ name: 'payment' })
export class Payment {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'order_id', type: 'uuid', unique: true })
  orderId: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ type: 'integer' })
  amount: number;

  @Column({ type: 'text' })
  currency: string;

  @Column({ type: 'text' })
  method: PaymentMethod;

  @Column({ type: 'text' })
  status: PaymentStatus;

  /** `simulated`, `stripe` or `credit_line`. */
  @Column({ type: 'text' })
  provider: string;

  @Column({ name: 'provider_ref', type: 'text', nullable: true })
  providerRef: string | null;

  /** The client's card token, kept only until the payment is settled (then cleared). */
  @Column({ name: 'card_token', type: 'text', nullable: true })
  cardToken: string | null;

  /** CREDIT_LINE: 3, 6 or 12. */
  @Column({ type: 'integer', nullable: true })
  installments: number | null;

  /** Worker rounds so far. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason: string | null;

  /** Sum of the refunds so far, in minor units. */
  @Column({ type: 'integer', default: 0 })
  refunded: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
