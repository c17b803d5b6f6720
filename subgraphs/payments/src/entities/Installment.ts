import { Column, Entity, PrimaryColumn } from 'typeorm';

export type InstallmentStatus = 'PENDING' | 'PAID' | 'OVERDUE';

@Entity({ name: 'installment' })
export class Installment {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @Column({ type: 'integer' })
  number: number;

  /** Calendar date (UTC), `YYYY-MM-DD`. */
  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ type: 'integer' })
  amount: number;

  @Column({ type: 'integer' })
  principal: number;

  @Column({ type: 'integer' })
  interest: number;

  @Column({ type: 'text' })
  currency: string;

  @Column({ type: 'text' })
  status: InstallmentStatus;

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;
}
