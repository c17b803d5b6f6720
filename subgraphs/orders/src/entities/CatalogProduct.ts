import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What orders knows of the catalogue: a read model fed by `products.product.upserted`, so that
 * a cart refuses an unknown product at once without calling the products subgraph. Prices here are
 * informative only; an order's prices come from the stock reservation.
 */
@Entity({ name: 'catalog_product' })
export class CatalogProduct {
  @PrimaryColumn({ name: 'product_id', type: 'uuid' })
  productId: string;

  @Column({ type: 'text' })
  name: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
