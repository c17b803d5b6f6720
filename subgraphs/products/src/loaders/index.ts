import type { DataSource } from 'typeorm';
import { categoryById } from './categoryById';
import { productById } from './productById';
import { productCountByCategory } from './productCountByCategory';
import { productsByCategory } from './productsByCategory';
import { reviewById } from './reviewById';
import { reviewsByProduct } from './reviewsByProduct';
import { wishlistByUser } from './wishlistByUser';

/** Per-request loaders (created in `createContext`): what one operation asks for N times costs one query. */
export function createLoaders(dataSource: DataSource) {
  return {
    productById: productById(dataSource),
    categoryById: categoryById(dataSource),
    reviewById: reviewById(dataSource),
    reviewsByProduct: reviewsByProduct(dataSource),
    productsByCategory: productsByCategory(dataSource),
    productCountByCategory: productCountByCategory(dataSource),
    wishlistByUser: wishlistByUser(dataSource),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
