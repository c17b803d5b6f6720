import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What orders knows of the catalogue: a read model fed by `products.product.upserted`, so that
 * a cart refuses an unknown product at once without calling the products subgraph, and checkout
 * knows an order's weight.
 */
@Entity({ name: 'catalog_product' })
export class CatalogProduct {
  @PrimaryColumn({ name: 'product_id', type: 'uuid' })
  productId: string;

  @Column({ type: 'text' })
  name: string;

  /** Informative: checkout's estimate of a credit-line purchase; the order's prices come from the reservation. */
  @Column({ name: 'price_amount', type: 'int', nullable: true })
  priceAmount: number | null;

  @Column({ name: 'price_currency', type: 'char', length: 3, nullable: true })
  priceCurrency: string | null;

  /** Grams per unit: an order's weight, which delivery prices shipping by. */
  @Column({ name: 'weight_grams', type: 'int', default: 500 })
  weightGrams: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
