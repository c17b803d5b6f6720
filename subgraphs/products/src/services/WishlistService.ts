import type { Viewer } from '@supergraph/auth';
import { notFound } from '@supergraph/errors';
import type { DataSource } from 'typeorm';
import type { Product } from '../entities/Product';
import { WishlistItem } from '../entities/WishlistItem';
import type { Loaders } from '../loaders';
import { requireSelfOrAdmin, requireViewer } from './access';
import { isUuid } from './validation';

/** A user as products knows one: just the id (the users subgraph owns the rest). The codegen mapper of `User`. */
export interface UserRef {
  id: string;
}

export class WishlistService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loaders: Loaders,
    private readonly viewer: Viewer | null,
  ) {}

  /** `User.wishlist`: the user themself or an admin; batched over every user of the request. */
  async of(userId: string): Promise<Product[]> {
    requireSelfOrAdmin(this.viewer, userId, 'A wishlist');
    return this.products(await this.loaders.wishlistByUser.load(userId));
  }

  /** Adding a product already there changes nothing. */
  async add(productId: string): Promise<Product[]> {
    const viewer = requireViewer(this.viewer);
    if (!isUuid(productId) || !(await this.loaders.productById.load(productId))) throw notFound('Product not found', { field: 'productId' });
    await this.dataSource.createQueryBuilder().insert().into(WishlistItem).values({ userId: viewer.userId, productId }).orIgnore().execute();
    return this.fresh(viewer.userId);
  }

  /** Removing a product that is not there changes nothing. */
  async remove(productId: string): Promise<Product[]> {
    const viewer = requireViewer(this.viewer);
    if (!isUuid(productId)) throw notFound('Product not found', { field: 'productId' });
    await this.dataSource.getRepository(WishlistItem).delete({ userId: viewer.userId, productId });
    return this.fresh(viewer.userId);
  }

  private async fresh(userId: string) {
    this.loaders.wishlistByUser.clear(userId);
    return this.products(await this.loaders.wishlistByUser.load(userId));
  }

  private async products(ids: string[]): Promise<Product[]> {
    const products = await this.loaders.productById.loadMany(ids);
    return products.filter((p): p is Product => !!p && !(p instanceof Error));
  }
}
