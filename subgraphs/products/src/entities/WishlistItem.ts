import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'wishlist_item' })
export class WishlistItem {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'product_id', type: 'uuid' })
  productId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
