import DataLoader from 'dataloader';
import { groupByKeys } from '@supergraph/service-kit';
import type { DataSource } from 'typeorm';
import { isUuid } from '../services/validation';

/**
 * The product ids on many users' wishlists, oldest first, in one query. The products themselves
 * then come from `productById` (one more query for all of them, shared with the rest of the request).
 */
export const wishlistByUser = (dataSource: DataSource) =>
  new DataLoader<string, string[]>(async (userIds) => {
    const valid = userIds.filter(isUuid);
    const rows: { user_id: string; product_id: string }[] = valid.length
      ? await dataSource.query('SELECT user_id, product_id FROM wishlist_item WHERE user_id = ANY($1::uuid[]) ORDER BY created_at, product_id', [valid])
      : [];
    return groupByKeys(userIds, rows, (row) => row.user_id).map((items) => items.map((item) => item.product_id));
  });
