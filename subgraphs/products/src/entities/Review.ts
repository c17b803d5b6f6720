import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The unique constraint that makes "one review per user and product" hold under races. */
export const ONE_REVIEW_PER_AUTHOR = 'review_product_id_author_id_key';

@Entity({ name: 'review' })
@Unique(ONE_REVIEW_PER_AUTHOR, ['productId', 'authorId'])
export class Review {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId: string;

  /** A user id of the users subgraph. */
  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  /** 1 to 5 (a CHECK constraint too). */
  @Column({ type: 'int' })
  rating: number;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
