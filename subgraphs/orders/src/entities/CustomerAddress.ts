import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * What orders knows of customers' addresses: a read model fed by `users.address.upserted`, so that
 * checkout checks an address and snapshots it without calling users.
 */
@Entity({ name: 'customer_address' })
export class CustomerAddress {
  @PrimaryColumn({ name: 'address_id', type: 'uuid' })
  addressId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  line1: string;

  @Column({ type: 'text' })
  city: string;

  @Column({ name: 'postal_code', type: 'text' })
  postalCode: string;

  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ name: 'is_default', type: 'boolean' })
  isDefault: boolean;

  /** When orders first heard of it: "the customer's first address" when none is the default. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
