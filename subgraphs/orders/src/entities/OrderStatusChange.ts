import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrderStatus } from './Order';

/** Every transition of an order, in the transaction that made it. */
@Entity({ name: 'order_status_change' })
export class OrderStatusChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  from: OrderStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  to: OrderStatus;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
