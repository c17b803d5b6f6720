import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'installment_plan' })
export class InstallmentPlan {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'credit_line_id', type: 'uuid' })
  creditLineId: string;

  @Column({ name: 'payment_id', type: 'uuid', unique: true })
  paymentId: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ type: 'integer' })
  count: number;

  @Column({ name: 'monthly_rate_bp', type: 'integer' })
  monthlyRateBasisPoints: number;

  @Column({ type: 'integer' })
  principal: number;

  @Column({ name: 'total_amount', type: 'integer' })
  totalAmount: number;

  @Column({ type: 'text' })
  currency: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
