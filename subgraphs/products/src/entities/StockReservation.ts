import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type ReservationStatus = 'RESERVED' | 'RELEASED';

/**
 * Stock taken for one line of an order, at the price of that moment. Releasing a cancelled order
 * gives back exactly what its reservations hold, once (status RESERVED → RELEASED).
 */
@Entity({ name: 'stock_reservation' })
export class StockReservation {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @PrimaryColumn({ name: 'product_id', type: 'uuid' })
  productId: string;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ name: 'unit_price_amount', type: 'int' })
  unitPriceAmount: number;

  @Column({ name: 'unit_price_currency', type: 'char', length: 3 })
  unitPriceCurrency: string;

  @Column({ type: 'text' })
  status: ReservationStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'released_at', type: 'timestamptz', precision: 3, nullable: true })
  releasedAt: Date | null;
}
