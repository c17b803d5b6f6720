import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'PAID' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'REJECTED' | 'PAYMENT_FAILED' | 'REFUNDED';
export type PaymentMethod = 'CARD' | 'CREDIT_LINE';

@Entity({ name: 'customer_order' })
export class Order {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ type: 'text' })
  status: OrderStatus;

  /** Null when the customer checked out without choosing how to pay: the order then waits CONFIRMED. */
  @Column({ name: 'payment_method', type: 'text', nullable: true })
  paymentMethod: PaymentMethod | null;

  /**
   * The provider's card token, kept only while the order is PENDING: it goes to payments in
   * `orders.order.confirmed` and is erased by the move out of PENDING (see `transition`).
   */
  @Column({ name: 'card_token', type: 'text', nullable: true })
  cardToken: string | null;

  @Column({ type: 'int', nullable: true })
  installments: number | null;

  @Column({ name: 'address_id', type: 'uuid', nullable: true })
  addressId: string | null;

  /** The address as it was at checkout (null only for orders placed before addresses were required). */
  @Column({ name: 'ship_line1', type: 'text', nullable: true })
  shipLine1: string | null;

  @Column({ name: 'ship_city', type: 'text', nullable: true })
  shipCity: string | null;

  @Column({ name: 'ship_postal_code', type: 'text', nullable: true })
  shipPostalCode: string | null;

  @Column({ name: 'ship_country', type: 'char', length: 2, nullable: true })
  shipCountry: string | null;

  /** Σ catalogue weight × quantity at checkout. */
  @Column({ name: 'weight_grams', type: 'int', nullable: true })
  weightGrams: number | null;

  /** Products' answer is in: the items carry their reserved prices. */
  @Column({ name: 'stock_reserved', type: 'boolean', default: false })
  stockReserved: boolean;

  /** Delivery's answer: the shipping zone and cost; the cost becomes `shippingCost` at confirmation. */
  @Column({ name: 'shipping_zone', type: 'text', nullable: true })
  shippingZone: string | null;

  @Column({ name: 'quoted_shipping', type: 'int', nullable: true })
  quotedShipping: number | null;

  @Column({ name: 'quoted_currency', type: 'char', length: 3, nullable: true })
  quotedCurrency: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @Column({ type: 'int', nullable: true })
  subtotal: number | null;

  @Column({ type: 'int', nullable: true })
  tax: number | null;

  @Column({ name: 'shipping_cost', type: 'int', nullable: true })
  shippingCost: number | null;

  @Column({ type: 'int', nullable: true })
  total: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
