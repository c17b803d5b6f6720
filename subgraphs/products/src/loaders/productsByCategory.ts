import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Product } from '../entities/Product';
import { productOrdering } from '../services/orderings';
import type { Page } from '../services/pagination';
import { pageCacheKey, pagesByParent, type PageKey } from './pagesByParent';

/** `Category.products` (oldest first, the default ordering) for every category in one query. */
export const productsByCategory = (dataSource: DataSource) =>
  new DataLoader<PageKey, Page<Product>, string>(
    (keys) => pagesByParent(keys, { repository: dataSource.getRepository(Product), parentColumn: 'category_id', parentOf: (p) => p.categoryId, ordering: productOrdering() }),
    { cacheKeyFn: pageCacheKey },
  );
