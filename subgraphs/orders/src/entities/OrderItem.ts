import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'order_item' })
export class OrderItem {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @PrimaryColumn({ name: 'product_id', type: 'uuid' })
  productId: string;

  @Column({ type: 'int' })
  quantity: number;

  /** Set from products' answer: the price the stock was reserved at. */
  @Column({ name: 'unit_price', type: 'int', nullable: true })
  unitPrice: number | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;
}
