import type { Viewer } from '@supergraph/auth';
import { badUserInput, conflict, notFound, unauthenticated } from '@supergraph/errors';
import { inTransaction, isUniqueViolation } from '@supergraph/service-kit';
import type { DataSource } from 'typeorm';
import { Review } from '../entities/Review';
import { isUuid } from './validation';

export class ReviewService {
  constructor(private readonly dataSource: DataSource, private readonly viewer: Viewer | null) {}

  /** One review per user and product (a unique index decides races); the product's rating moves in the same transaction. */
  async addReview(input: { productId: string; rating: number; comment?: string | null }): Promise<Review> {
    if (!this.viewer) throw unauthenticated();
    const authorId = this.viewer.userId;
    if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) throw badUserInput('rating must be 1 to 5', 'input.rating');
    const comment = input.comment?.trim() || null;
    if (comment && comment.length > 2000) throw badUserInput('comment must be at most 2000 characters', 'input.comment');
    if (!isUuid(input.productId)) throw notFound('Product not found', { field: 'input.productId' });
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const locked = await manager.query('SELECT id FROM product WHERE id = $1 FOR UPDATE', [input.productId]);
        if (!locked.length) throw notFound('Product not found', { field: 'input.productId' });
        const review = await manager.save(manager.create(Review, { productId: input.productId, authorId, rating: input.rating, comment }));
        await manager.query(
          `UPDATE product SET review_count = review_count + 1, rating_sum = rating_sum + $2,
             rating_avg = (rating_sum + $2)::double precision / (review_count + 1) WHERE id = $1`,
          [input.productId, input.rating],
        );
        return review;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('You have already reviewed this product', { field: 'input.productId' });
      throw error;
    }
  }

}
