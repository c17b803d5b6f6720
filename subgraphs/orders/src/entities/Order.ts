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

  @Column({ name: 'payment_method', type: 'text' })
  paymentMethod: PaymentMethod;

  @Column({ type: 'int', nullable: true })
  installments: number | null;

  @Column({ name: 'address_id', type: 'uuid', nullable: true })
  addressId: string | null;

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
