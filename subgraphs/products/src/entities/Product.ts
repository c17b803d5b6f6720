import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'product' })
export class Product {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  description: string;

  /** Minor units (cents); `price: Money` in the schema. */
  @Column({ name: 'price_amount', type: 'int' })
  priceAmount: number;

  @Column({ name: 'price_currency', type: 'char', length: 3 })
  priceCurrency: string;

  @Column({ name: 'category_id', type: 'uuid' })
  categoryId: string;

  /** Shipping weight of one unit; delivery prices shipping by the order's total weight. */
  @Column({ name: 'weight_grams', type: 'int', default: 500 })
  weightGrams: number;

  /** Units that can still be ordered. Never negative: a CHECK constraint backs the row locks reservations take. */
  @Column({ type: 'int' })
  stock: number;

  /** Kept with every review in the same transaction, so listing and sorting by rating cost nothing extra. */
  @Column({ name: 'review_count', type: 'int', default: 0 })
  reviewCount: number;

  @Column({ name: 'rating_sum', type: 'int', default: 0 })
  ratingSum: number;

  /** rating_sum / review_count, stored so that it can be sorted on with an index; null before the first review. */
  @Column({ name: 'rating_avg', type: 'double precision', nullable: true })
  ratingAvg: number | null;

  /** Millisecond precision: exactly what a cursor can carry. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
