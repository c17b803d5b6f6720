import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';

/** One page of a newest-first list (by seq) of one owner (a room's messages, a user's notifications). */
export interface PageRequest {
  ownerId: string;
  first: number;
  /** Only rows older than this seq (the cursor's). */
  beforeSeq: number | null;
  unreadOnly?: boolean;
}

export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
  totalCount: number;
}

/**
 * Pages of many owners in one statement: a window function numbers each owner's rows, so a list
 * of N rooms (or users) asking for their messages (or inbox) costs one query, not N.
 */
export function pagesLoader<T>(
  dataSource: DataSource,
  sql: { table: string; owner: string; ownerType: 'uuid' | 'text'; columns: string; unreadFilter?: string },
  toRow: (row: Record<string, unknown>) => T,
) {
  return new DataLoader<PageRequest, Page<T>, string>(
    async (requests) => {
      const groups = new Map<string, PageRequest[]>();
      for (const r of requests) {
        const key = `${r.first}:${r.beforeSeq}:${!!r.unreadOnly}`;
        groups.set(key, [...(groups.get(key) ?? []), r]);
      }
      const pages = new Map<PageRequest, Page<T>>();
      for (const group of groups.values()) {
        const { first, beforeSeq, unreadOnly } = group[0];
        const owners = group.map((r) => r.ownerId);
        const filter = unreadOnly && sql.unreadFilter ? `AND ${sql.unreadFilter}` : '';
        const rows: Record<string, unknown>[] = await dataSource.query(
          `SELECT * FROM (
             SELECT x.*, row_number() OVER (PARTITION BY x.owner ORDER BY x.seq DESC) AS rn FROM (
               SELECT ${sql.columns}, ${sql.owner} AS owner, count(*) OVER (PARTITION BY ${sql.owner}) AS total
               FROM ${sql.table} WHERE ${sql.owner} = ANY($1::${sql.ownerType}[]) ${filter}
             ) x WHERE $2::bigint IS NULL OR x.seq < $2::bigint
           ) y WHERE rn <= $3 ORDER BY owner, seq DESC`,
          [owners, beforeSeq, first + 1],
        );
        const byOwner = new Map<string, Record<string, unknown>[]>();
        const totals = new Map<string, number>();
        for (const row of rows) {
          const owner = String(row.owner);
          byOwner.set(owner, [...(byOwner.get(owner) ?? []), row]);
          totals.set(owner, Number(row.total));
        }
        // An owner with nothing older than the cursor has no row to carry its total.
        const missing = owners.filter((o) => !totals.has(o));
        if (beforeSeq !== null && missing.length) for (const [o, n] of await totalsOf(dataSource, sql, missing, filter)) totals.set(o, n);
        for (const r of group) {
          const own = byOwner.get(r.ownerId) ?? [];
          pages.set(r, { rows: own.slice(0, first).map(({ owner: _o, total: _t, rn: _r, ...row }) => toRow(row)), hasNextPage: own.length > first, totalCount: totals.get(r.ownerId) ?? 0 });
        }
      }
      return requests.map((r) => pages.get(r)!);
    },
    { cacheKeyFn: (r) => JSON.stringify([r.ownerId, r.first, r.beforeSeq, !!r.unreadOnly]) },
  );
}

async function totalsOf(dataSource: DataSource, sql: { table: string; owner: string; ownerType: string }, owners: string[], filter: string) {
  const rows: { owner: string; n: string }[] = await dataSource.query(
    `SELECT ${sql.owner} AS owner, count(*) AS n FROM ${sql.table} WHERE ${sql.owner} = ANY($1::${sql.ownerType}[]) ${filter} GROUP BY 1`,
    [owners],
  );
  return new Map(rows.map((r) => [String(r.owner), Number(r.n)]));
}
