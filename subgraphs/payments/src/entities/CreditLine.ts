import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type CreditLineStatus = 'APPROVED' | 'DECLINED' | 'SUSPENDED';

/** A customer's credit line (one per customer); available = limit − principal still owed. */
@Entity({ name: 'credit_line' })
export class CreditLine {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'customer_id', type: 'text', unique: true })
  customerId: string;

  @Column({ type: 'text' })
  status: CreditLineStatus;

  @Column({ name: 'limit_amount', type: 'integer' })
  limit: number;

  @Column({ type: 'integer' })
  available: number;

  @Column({ type: 'text' })
  currency: string;

  @Column({ name: 'monthly_income', type: 'integer' })
  monthlyIncome: number;

  @Column({ type: 'integer' })
  score: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
