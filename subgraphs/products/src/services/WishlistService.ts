import { hasRole, type Viewer } from '@supergraph/auth';
import { forbidden, notFound, unauthenticated } from '@supergraph/errors';
import type { DataSource } from 'typeorm';
import { WishlistItem } from '../entities/WishlistItem';
import type { Loaders } from '../loaders';
import { isUuid } from './validation';

export class WishlistService {
  constructor(private readonly dataSource: DataSource, private readonly loaders: Loaders, private readonly viewer: Viewer | null) {}

  /** The user themself or an admin. */
  async of(userId: string) {
    if (!this.viewer) throw unauthenticated();
    if (this.viewer.userId !== userId && !hasRole(this.viewer, 'ADMIN')) throw forbidden('A wishlist is private');
    return this.loaders.wishlistByUser.load(userId);
  }

  async add(productId: string) {
    const viewer = this.requireViewer();
    if (!isUuid(productId) || !(await this.loaders.productById.load(productId))) throw notFound('Product not found', { field: 'productId' });
    await this.dataSource.createQueryBuilder().insert().into(WishlistItem).values({ userId: viewer.userId, productId }).orIgnore().execute();
    return this.fresh(viewer.userId);
  }

  async remove(productId: string) {
    const viewer = this.requireViewer();
    if (isUuid(productId)) await this.dataSource.getRepository(WishlistItem).delete({ userId: viewer.userId, productId });
    return this.fresh(viewer.userId);
  }

  private fresh(userId: string) {
    this.loaders.wishlistByUser.clear(userId);
    return this.loaders.wishlistByUser.load(userId);
  }

  private requireViewer() {
    if (!this.viewer) throw unauthenticated();
    return this.viewer;
  }
}
