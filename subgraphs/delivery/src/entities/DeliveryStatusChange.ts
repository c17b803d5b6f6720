import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DeliveryStatus } from '../domain/stateMachine';

/** Every status of a delivery, in the transaction that set it; `by` is who moved it (null: the system). */
@Entity({ name: 'delivery_status_change' })
export class DeliveryStatusChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  from: DeliveryStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  to: DeliveryStatus;

  @Column({ name: 'by_user', type: 'text', nullable: true })
  by: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
