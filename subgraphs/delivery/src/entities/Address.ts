import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model of users' addresses (`users.address.upserted`), for `shippingQuote(addressId)`. */
@Entity({ name: 'address' })
export class Address {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'user_id', type: 'text' })
  userId: string;

  @Column({ type: 'text' })
  line1: string;

  @Column({ type: 'text' })
  city: string;

  @Column({ name: 'postal_code', type: 'text' })
  postalCode: string;

  @Column({ type: 'text' })
  country: string;
}
