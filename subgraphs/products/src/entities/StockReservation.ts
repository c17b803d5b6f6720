import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Stock taken for one line of an order. Releasing a cancelled order gives back exactly what its
 * reservations hold, once (status RESERVED → RELEASED).
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
  status: 'RESERVED' | 'RELEASED';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
