import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A position the assigned courier reported. */
@Entity({ name: 'tracking_point' })
export class TrackingPoint {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId: string;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'double precision' })
  lng: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
