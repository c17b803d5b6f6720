import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DeliveryStatus } from '../domain/stateMachine';

@Entity({ name: 'delivery' })
export class Delivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** One delivery per order (unique): a redelivered capture finds it. */
  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ name: 'courier_id', type: 'text', nullable: true })
  courierId: string | null;

  @Column({ type: 'text' })
  status: DeliveryStatus;

  @Column({ name: 'dest_lat', type: 'double precision' })
  destLat: number;

  @Column({ name: 'dest_lng', type: 'double precision' })
  destLng: number;

  @Column({ type: 'timestamptz', nullable: true })
  eta: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'proof_of_delivery', type: 'text', nullable: true })
  proofOfDelivery: string | null;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
