import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A product a user keeps for later; the primary key makes adding it twice a no-op. */
@Entity({ name: 'wishlist_item' })
export class WishlistItem {
  /** A user id of the users subgraph. */
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'product_id', type: 'uuid' })
  productId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
