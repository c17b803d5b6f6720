import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An admin's change of a product's stock (`adjustStock`), kept so that every change has an author and a reason. */
@Entity({ name: 'stock_adjustment' })
export class StockAdjustment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId: string;

  @Column({ type: 'int' })
  delta: number;

  @Column({ name: 'stock_after', type: 'int' })
  stockAfter: number;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** The admin, a user id of the users subgraph. */
  @Column({ name: 'actor_id', type: 'uuid' })
  actorId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
