import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A customer's credit line as payments last announced it (`payments.creditLine.updated`): enough
 * for checkout to refuse a credit-line purchase beyond the available balance before anything is
 * charged. Payments checks again, under a row lock, when it draws on the line.
 */
@Entity({ name: 'credit_line_view' })
export class CreditLineView {
  @PrimaryColumn({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ name: 'credit_line_id', type: 'uuid' })
  creditLineId: string;

  @Column({ type: 'text' })
  status: 'APPROVED' | 'DECLINED' | 'SUSPENDED';

  @Column({ type: 'int' })
  available: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
