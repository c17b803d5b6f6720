import type { Viewer } from '@supergraph/auth';
import { conflict, notFound } from '@supergraph/errors';
import { inTransaction } from '@supergraph/service-kit';
import type { DataSource } from 'typeorm';
import { ONE_REVIEW_PER_AUTHOR, Review } from '../entities/Review';
import { requireViewer } from './access';
import { isUuid, optionalText, requireInteger } from './validation';

export interface AddReviewInput {
  productId: string;
  rating: number;
  comment?: string | null;
}

function isDuplicateReview(error: unknown) {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  return (e.driverError?.code ?? e.code) === '23505' && (e.driverError?.constraint ?? e.constraint) === ONE_REVIEW_PER_AUTHOR;
}

export class ReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly viewer: Viewer | null,
  ) {}

  /**
   * One review per user and product: the unique constraint decides races, not a prior check.
   * The product's count, sum and average move in the same transaction, under the product's row
   * lock, so that they always agree with the reviews.
   */
  async addReview(input: AddReviewInput): Promise<Review> {
    const author = requireViewer(this.viewer);
    const rating = requireInteger(input.rating, 'input.rating', 1, 5, 'rating must be a whole number from 1 to 5');
    const comment = optionalText(input.comment, 'input.comment', 2000);
    if (!isUuid(input.productId)) throw notFound('Product not found', { field: 'input.productId' });
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const locked: unknown[] = await manager.query('SELECT id FROM product WHERE id = $1 FOR UPDATE', [input.productId]);
        if (!locked.length) throw notFound('Product not found', { field: 'input.productId' });
        const review = await manager.save(manager.create(Review, { productId: input.productId, authorId: author.userId, rating, comment }));
        await manager.query(
          `UPDATE product SET review_count = review_count + 1, rating_sum = rating_sum + $2,
             rating_avg = (rating_sum + $2)::double precision / (review_count + 1) WHERE id = $1`,
          [input.productId, rating],
        );
        return review;
      });
    } catch (error) {
      if (isDuplicateReview(error)) throw conflict('You have already reviewed this product', { field: 'input.productId' });
      throw error;
    }
  }
}
