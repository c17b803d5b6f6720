import { groupByKeys } from '@supergraph/service-kit';
import type { Repository } from 'typeorm';
import type { SqlOrdering } from '../services/orderings';
import { pageOf, type After, type Page } from '../services/pagination';

/** One page of one parent's children: a category's products, a product's reviews. */
export interface PageKey {
  parentId: string;
  size: number;
  after: After | null;
}

export const pageCacheKey = (key: PageKey) => JSON.stringify([key.parentId, key.size, key.after]);

/**
 * Pages of children for many parents in one statement: keys asking for the same size and start are
 * answered together, each parent's rows taken by a LATERAL subquery from its (parent, sort key, id)
 * index. A list of N products with their first reviews thus costs one query, not N.
 */
export async function pagesByParent<T extends { id: string }>(
  keys: readonly PageKey[],
  { repository, parentColumn, parentOf, ordering }: { repository: Repository<T>; parentColumn: string; parentOf: (row: T) => string; ordering: SqlOrdering<T> },
): Promise<Page<T>[]> {
  const groups = new Map<string, PageKey[]>();
  for (const key of keys) {
    const group = JSON.stringify([key.size, key.after]);
    groups.set(group, [...(groups.get(group) ?? []), key]);
  }
  const pages = new Map<string, Page<T>>();
  const table = repository.metadata.tablePath;
  const { direction } = ordering;
  const sortKey = ordering.expression('s');
  for (const group of groups.values()) {
    const { size, after } = group[0];
    const parents = [...new Set(group.map((key) => key.parentId))];
    const start = after ? `AND (${sortKey}, s.id) ${direction === 'ASC' ? '>' : '<'} (:afterKey, :afterId)` : '';
    const rows = await repository
      .createQueryBuilder('t')
      .where(
        `t.id IN (SELECT x.id FROM unnest(CAST(:parents AS uuid[])) AS k(parent_id) CROSS JOIN LATERAL (
           SELECT s.id FROM ${table} s WHERE s.${parentColumn} = k.parent_id ${start}
           ORDER BY ${sortKey} ${direction}, s.id ${direction} LIMIT :pageLimit) x)`,
        { parents, pageLimit: size + 1, ...(after ? { afterKey: after.key, afterId: after.id } : {}) },
      )
      .orderBy(ordering.expression('t'), direction)
      .addOrderBy('t.id', direction)
      .getMany();
    const byParent = groupByKeys(parents, rows, parentOf);
    parents.forEach((parentId, i) => pages.set(pageCacheKey({ parentId, size, after }), pageOf(byParent[i], size)));
  }
  return keys.map((key) => pages.get(pageCacheKey(key))!);
}
