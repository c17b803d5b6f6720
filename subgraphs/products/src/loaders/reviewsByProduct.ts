import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Review } from '../entities/Review';
import { REVIEWS_NEWEST_FIRST } from '../services/orderings';
import type { Page } from '../services/pagination';
import { pageCacheKey, pagesByParent, type PageKey } from './pagesByParent';

/** `Product.reviews` for every product of a list in one query. */
export const reviewsByProduct = (dataSource: DataSource) =>
  new DataLoader<PageKey, Page<Review>, string>(
    (keys) => pagesByParent(keys, { repository: dataSource.getRepository(Review), parentColumn: 'product_id', parentOf: (r) => r.productId, ordering: REVIEWS_NEWEST_FIRST }),
    { cacheKeyFn: pageCacheKey },
  );
