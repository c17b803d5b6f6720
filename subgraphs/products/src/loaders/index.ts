import DataLoader from 'dataloader';
import { byKeys } from '@supergraph/service-kit';
import { In, type DataSource } from 'typeorm';
import { Category } from '../entities/Category';
import { Product } from '../entities/Product';
import { Review } from '../entities/Review';
import { isUuid } from '../services/validation';

/** Per-request loaders: N references in one pass cost one SQL query. */
export function createLoaders(dataSource: DataSource) {
  const productById = new DataLoader<string, Product | null>(async (ids) => {
    const valid = ids.filter(isUuid);
    return byKeys(ids, valid.length ? await dataSource.getRepository(Product).findBy({ id: In(valid) }) : [], (p) => p.id);
  });
  return {
    productById,
    categoryById: new DataLoader<string, Category | null>(async (ids) =>
      byKeys(ids, await dataSource.getRepository(Category).findBy({ id: In(ids.filter(isUuid)) }), (c) => c.id),
    ),
    reviewById: new DataLoader<string, Review | null>(async (ids) =>
      byKeys(ids, await dataSource.getRepository(Review).findBy({ id: In(ids.filter(isUuid)) }), (r) => r.id),
    ),
    /** One query for the wishlists of many users, products included. */
    wishlistByUser: new DataLoader<string, Product[]>(async (userIds) => {
      const rows: (Product & { wishlist_user_id: string })[] = await dataSource
        .getRepository(Product)
        .createQueryBuilder('p')
        .innerJoin('wishlist_item', 'w', 'w.product_id = p.id')
        .addSelect('w.user_id', 'wishlist_user_id')
        .where('w.user_id IN (:...userIds)', { userIds: userIds.filter(isUuid).length ? userIds.filter(isUuid) : ['00000000-0000-0000-0000-000000000000'] })
        .orderBy('w.created_at', 'ASC')
        .getRawAndEntities()
        .then(({ raw, entities }) => entities.map((entity, i) => Object.assign(entity, { wishlist_user_id: raw[i].wishlist_user_id as string })));
      return userIds.map((id) => rows.filter((row) => row.wishlist_user_id === id).map(({ wishlist_user_id: _, ...product }) => product as Product));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
