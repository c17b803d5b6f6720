import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { badUserInput } from '@supergraph/errors';
import { Category } from '../entities/Category';
import { Product } from '../entities/Product';
import type { Loaders } from '../loaders';
import { productOrdering, REVIEWS_NEWEST_FIRST, type ProductSortField, type SortDirection } from './orderings';
import { pageOf, readAfter, toConnection, type Connection } from './pagination';
import { isUuid, likePattern, pageSize } from './validation';

export interface ProductFilter {
  categoryId?: string | null;
  search?: string | null;
  minPrice?: number | null;
  maxPrice?: number | null;
  inStock?: boolean | null;
}

export interface ProductSort {
  field?: ProductSortField | null;
  direction?: SortDirection | null;
}

/** Words of a search beyond this many are ignored: each one is another pair of ILIKE scans. */
const MAX_SEARCH_WORDS = 8;

/** Browsing the catalogue: anonymous callers welcome. */
export class CatalogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
  ) {}

  /** Null for a product that does not exist; a malformed id is bad input rather than a SQL error. */
  product(id: string): Promise<Product | null> {
    if (!isUuid(id)) throw badUserInput('id is not a valid product id', 'id');
    return this.loaders.productById.load(id);
  }

  categories(): Promise<Category[]> {
    return this.dataSource.getRepository(Category).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  /**
   * Keyset pagination: a page starts strictly after the (sort key, id) of the cursor, so rows with
   * equal keys are neither skipped nor repeated, and a page costs an index range scan at any depth.
   */
  async products(filter: ProductFilter | null | undefined, sort: ProductSort | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<Product>> {
    const size = pageSize(first);
    const ordering = productOrdering(sort?.field ?? undefined, sort?.direction ?? undefined);
    const start = readAfter(after, ordering);
    const matching = this.filtered(filter ?? {});
    const page = matching.clone();
    const key = ordering.expression('p');
    if (start) {
      page.andWhere(`(${key}, p.id) ${ordering.direction === 'ASC' ? '>' : '<'} (:afterKey, :afterId)`, { afterKey: start.key, afterId: start.id });
    }
    const rows = await page
      .orderBy(key, ordering.direction)
      .addOrderBy('p.id', ordering.direction)
      .limit(size + 1)
      .getMany();
    const result = pageOf(rows, size);
    // Later fields of this request (`_entities`, `Review.product`) find them without a query.
    for (const node of result.nodes) this.loaders.productById.prime(node.id, node);
    return toConnection(result, ordering, () => matching.getCount());
  }

  /** A category's products, oldest first; batched over every category of the request. */
  async categoryProducts(categoryId: string, first: number | null | undefined, after: string | null | undefined): Promise<Connection<Product>> {
    const size = pageSize(first);
    const ordering = productOrdering();
    const page = await this.loaders.productsByCategory.load({ parentId: categoryId, size, after: readAfter(after, ordering) });
    for (const node of page.nodes) this.loaders.productById.prime(node.id, node);
    return toConnection(page, ordering, () => this.loaders.productCountByCategory.load(categoryId));
  }

  /** A product's reviews, newest first; the count is the product's own aggregate, so it costs nothing. */
  async reviews(product: Product, first: number | null | undefined, after: string | null | undefined) {
    const size = pageSize(first);
    const page = await this.loaders.reviewsByProduct.load({ parentId: product.id, size, after: readAfter(after, REVIEWS_NEWEST_FIRST) });
    return toConnection(page, REVIEWS_NEWEST_FIRST, async () => product.reviewCount);
  }

  private filtered(filter: ProductFilter): SelectQueryBuilder<Product> {
    const query = this.dataSource.getRepository(Product).createQueryBuilder('p');
    if (filter.categoryId != null) {
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
      // Every word must appear in the name or the description, in any case.
      for (const [i, word] of search.split(/\s+/).slice(0, MAX_SEARCH_WORDS).entries()) {
        query.andWhere(`(p.name ILIKE :word${i} OR p.description ILIKE :word${i})`, { [`word${i}`]: likePattern(word) });
      }
    }
    return query;
  }
}
