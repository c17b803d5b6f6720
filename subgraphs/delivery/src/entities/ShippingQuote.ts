import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The answer given to a placed order: its zone and cost, or why it cannot be shipped; with the
 * destination snapshot and the customer, which the delivery is created from once it is paid.
 */
@Entity({ name: 'shipping_quote' })
export class ShippingQuote {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ name: 'address_id', type: 'uuid' })
  addressId: string;

  @Column({ type: 'text' })
  line1: string;

  @Column({ type: 'text' })
  city: string;

  @Column({ name: 'postal_code', type: 'text' })
  postalCode: string;

  @Column({ type: 'text' })
  country: string;

  @Column({ name: 'weight_grams', type: 'int' })
  weightGrams: number;

  /** Null when rejected. */
  @Column({ type: 'text', nullable: true })
  zone: string | null;

  @Column({ name: 'cost_amount', type: 'int', nullable: true })
  costAmount: number | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @Column({ name: 'dest_lat', type: 'double precision', nullable: true })
  destLat: number | null;

  @Column({ name: 'dest_lng', type: 'double precision', nullable: true })
  destLng: number | null;

  @Column({ name: 'rejected_reason', type: 'text', nullable: true })
  rejectedReason: string | null;

  /** The order was cancelled before it was paid: a late capture creates no delivery. */
  @Column({ type: 'boolean', default: false })
  cancelled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
