import type { Product } from '../entities/Product';
import type { Review } from '../entities/Review';
import { isFiniteNumber, isInstant, isInteger, isText, type Ordering } from './pagination';

export type ProductSortField = 'PRICE' | 'NAME' | 'RATING' | 'CREATED_AT';
export type SortDirection = 'ASC' | 'DESC';

/** A keyset ordering in SQL: the sort expression for a table alias, then the id for ties, both one way. */
export interface SqlOrdering<T> extends Ordering<T> {
  expression(alias: string): string;
  direction: SortDirection;
}

type KeyRule = Pick<Ordering<Product>, 'keyOf' | 'isKey'> & { expression(alias: string): string };

// Each expression has an index on (expression, id) (CreateCatalog), so a page is a range scan.
const PRODUCT_KEYS: Record<ProductSortField, KeyRule> = {
  PRICE: { expression: (a) => `${a}.price_amount`, keyOf: (p) => p.priceAmount, isKey: isInteger },
  NAME: { expression: (a) => `${a}.name`, keyOf: (p) => p.name, isKey: isText },
  // Unrated products sort as 0: below every rated one going up, after them going down.
  RATING: { expression: (a) => `coalesce(${a}.rating_avg, 0)`, keyOf: (p) => p.ratingAvg ?? 0, isKey: isFiniteNumber },
  CREATED_AT: { expression: (a) => `${a}.created_at`, keyOf: (p) => p.createdAt.toISOString(), isKey: isInstant },
};

export function productOrdering(field: ProductSortField = 'CREATED_AT', direction: SortDirection = 'ASC'): SqlOrdering<Product> {
  return { name: `${field}:${direction}`, direction, ...PRODUCT_KEYS[field] };
}

/** A product's reviews: newest first. */
export const REVIEWS_NEWEST_FIRST: SqlOrdering<Review> = {
  name: 'REVIEWS',
  direction: 'DESC',
  expression: (a) => `${a}.created_at`,
  keyOf: (r) => r.createdAt.toISOString(),
  isKey: isInstant,
};
