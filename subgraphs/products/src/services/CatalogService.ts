import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { badUserInput } from '@supergraph/errors';
import { Category } from '../entities/Category';
import { Product } from '../entities/Product';
import { Review } from '../entities/Review';
import type { Loaders } from '../loaders';
import { decodeCursor, encodeCursor, isUuid, likePattern, pageSize } from './validation';

export interface ProductFilter {
  categoryId?: string | null;
  search?: string | null;
  minPrice?: number | null;
  maxPrice?: number | null;
  inStock?: boolean | null;
}

export type SortField = 'PRICE' | 'NAME' | 'RATING' | 'CREATED_AT';
export type Direction = 'ASC' | 'DESC';

/** The column each sort uses; every sort ends with the id so pages never skip or repeat ties. */
const SORT_EXPRESSIONS: Record<SortField, string> = {
  PRICE: 'p.price_amount',
  NAME: 'p.name',
  RATING: 'coalesce(p.rating_avg, 0)',
  // Truncated to what a cursor (a JavaScript date) can carry, so no row falls between pages.
  CREATED_AT: "date_trunc('milliseconds', p.created_at)",
};

function sortValue(product: Product, field: SortField): unknown {
  switch (field) {
    case 'PRICE':
      return product.priceAmount;
    case 'NAME':
      return product.name;
    case 'RATING':
      return product.ratingAvg ?? 0;
    case 'CREATED_AT':
      return product.createdAt.toISOString();
  }
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number | (() => Promise<number>);
}

export class CatalogService {
  constructor(private readonly dataSource: DataSource, private readonly loaders: Loaders) {}

  product(id: string) {
    return isUuid(id) ? this.loaders.productById.load(id) : Promise.resolve(null);
  }

  categories() {
    return this.dataSource.getRepository(Category).find({ order: { name: 'ASC' } });
  }

  async products(
    filter: ProductFilter | null | undefined,
    sort: { field?: SortField | null; direction?: Direction | null } | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<Product>> {
    const size = pageSize(first);
    const field = sort?.field ?? 'CREATED_AT';
    const direction = sort?.direction ?? 'ASC';
    const base = this.filtered(filter ?? {});
    const page = base.clone();
    const key = SORT_EXPRESSIONS[field];
    if (after) {
      const [value, id] = decodeCursor(after);
      const operator = direction === 'ASC' ? '>' : '<';
      page.andWhere(`(${key}, p.id) ${operator} (:cursorValue, :cursorId)`, { cursorValue: value, cursorId: id });
    }
    const rows = await page
      .orderBy(key, direction)
      .addOrderBy('p.id', direction)
      .limit(size + 1)
      .getMany();
    const nodes = rows.slice(0, size);
    for (const node of nodes) this.loaders.productById.prime(node.id, node);
    const edges = nodes.map((node) => ({ cursor: encodeCursor(sortValue(node, field), node.id), node }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
      // Counted only when asked for.
      totalCount: () => base.getCount(),
    };
  }

  private filtered(filter: ProductFilter): SelectQueryBuilder<Product> {
    const query = this.dataSource.getRepository(Product).createQueryBuilder('p');
    if (filter.categoryId !== undefined && filter.categoryId !== null) {
      if (!isUuid(filter.categoryId)) throw badUserInput('categoryId is not a valid id', 'filter.categoryId');
      query.andWhere('p.category_id = :categoryId', { categoryId: filter.categoryId });
    }
    if (filter.minPrice != null && filter.minPrice < 0) throw badUserInput('minPrice cannot be negative', 'filter.minPrice');
    if (filter.maxPrice != null && filter.maxPrice < 0) throw badUserInput('maxPrice cannot be negative', 'filter.maxPrice');
    if (filter.minPrice != null && filter.maxPrice != null && filter.minPrice > filter.maxPrice) {
      throw badUserInput('minPrice cannot be greater than maxPrice', 'filter.minPrice');
    }
    if (filter.minPrice != null) query.andWhere('p.price_amount >= :minPrice', { minPrice: filter.minPrice });
    if (filter.maxPrice != null) query.andWhere('p.price_amount <= :maxPrice', { maxPrice: filter.maxPrice });
    if (filter.inStock === true) query.andWhere('p.stock > 0');
    if (filter.inStock === false) query.andWhere('p.stock = 0');
    const search = filter.search?.trim();
    if (search) {
      if (search.length > 100) throw badUserInput('search must be at most 100 characters', 'filter.search');
      for (const [i, word] of search.split(/\s+/).slice(0, 5).entries()) {
        query.andWhere(`(p.name ILIKE :w${i} OR p.description ILIKE :w${i})`, { [`w${i}`]: likePattern(word) });
      }
    }
    return query;
  }

  async reviews(productId: string, first: number | null | undefined, after: string | null | undefined): Promise<Connection<Review>> {
    const size = pageSize(first);
    const query = this.dataSource.getRepository(Review).createQueryBuilder('r').where('r.product_id = :productId', { productId });
    const count = query.clone();
    if (after) {
      const [value, id] = decodeCursor(after);
      query.andWhere("(date_trunc('milliseconds', r.created_at), r.id) < (:createdAt, :id)", { createdAt: value, id });
    }
    const rows = await query.orderBy("date_trunc('milliseconds', r.created_at)", 'DESC').addOrderBy('r.id', 'DESC').limit(size + 1).getMany();
    const nodes = rows.slice(0, size);
    const edges = nodes.map((node) => ({ cursor: encodeCursor(node.createdAt.toISOString(), node.id), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: () => count.getCount() };
  }
}
