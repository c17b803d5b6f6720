import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { isUuid } from '../services/validation';

/** `Category.products.totalCount` for every category in one GROUP BY. */
export const productCountByCategory = (dataSource: DataSource) =>
  new DataLoader<string, number>(async (categoryIds) => {
    const valid = categoryIds.filter(isUuid);
    const rows: { category_id: string; n: number }[] = valid.length
      ? await dataSource.query('SELECT category_id, count(*)::int AS n FROM product WHERE category_id = ANY($1::uuid[]) GROUP BY category_id', [valid])
      : [];
    const counts = new Map(rows.map((row) => [row.category_id, row.n]));
    return categoryIds.map((id) => counts.get(id) ?? 0);
  });
