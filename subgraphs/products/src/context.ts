import type { Viewer } from '@supergraph/auth';
import type { SubgraphRuntime } from '@supergraph/service-kit';
import { createLoaders, type Loaders } from './loaders';
import { AdminService } from './services/AdminService';
import { CatalogService } from './services/CatalogService';
import { ReviewService } from './services/ReviewService';
import { WishlistService } from './services/WishlistService';

export interface Context {
  viewer: Viewer | null;
  loaders: Loaders;
  catalog: CatalogService;
  admin: AdminService;
  reviews: ReviewService;
  wishlist: WishlistService;
}

/** A fresh context per operation: loaders cache only within one request, so no one sees stale or foreign data. */
export function createContext(viewer: Viewer | null, runtime: SubgraphRuntime): Context {
  const loaders = createLoaders(runtime.dataSource);
  return {
    viewer,
    loaders,
    catalog: new CatalogService(runtime.dataSource, loaders),
    admin: new AdminService(runtime, viewer),
    reviews: new ReviewService(runtime.dataSource, viewer),
    wishlist: new WishlistService(runtime.dataSource, loaders, viewer),
  };
}
