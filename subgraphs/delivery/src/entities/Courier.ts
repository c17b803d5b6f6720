import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user with the role COURIER, as users announced them (`users.user.upserted`). */
@Entity({ name: 'courier' })
export class Courier {
  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId: string;

  @Column({ type: 'text' })
  name: string;

  /** False once the COURIER role is withdrawn: never chosen again, keeps what it holds. */
  @Column({ type: 'boolean' })
  active: boolean;

  /** How many open deliveries the courier carries at once. */
  @Column({ type: 'int' })
  capacity: number;

  /** ASSIGNED, PICKED_UP or IN_TRANSIT deliveries; changed only under this row's lock. */
  @Column({ name: 'open_deliveries', type: 'int' })
  openDeliveries: number;

  @Column({ name: 'last_assigned_at', type: 'timestamptz', nullable: true })
  lastAssignedAt: Date | null;
}
