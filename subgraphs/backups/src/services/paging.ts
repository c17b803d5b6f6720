import { badUserInput } from '@supergraph/errors';
import { decodeCursor, encodeCursor } from '@supergraph/service-kit';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { BackupAgent } from '../entities/BackupAgent';
import type { BackupAlert } from '../entities/BackupAlert';
import type { BackupJob } from '../entities/BackupJob';

/** A page of a Relay connection, newest first. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export type AgentPage = Page<BackupAgent> & { totalCount: () => Promise<number> };
export type JobPage = Page<BackupJob>;
export type AlertPage = Page<BackupAlert>;

/** Which list a cursor belongs to: one from another list is refused rather than misread. */
export type CursorKind = 'agents' | 'jobs' | 'alerts';

export interface Position {
  at: string;
  id: string;
}

/** `after` as a position in the `kind` list, or BAD_USER_INPUT on `after`. */
export function decodePosition(kind: CursorKind, after: string | null | undefined): Position | null {
  if (!after) return null;
  const [key, id] = decodeCursor(after);
  if (typeof key !== 'string' || !key.startsWith(`${kind}|`) || Number.isNaN(Date.parse(key.slice(kind.length + 1)))) throw badUserInput('Cursor is not valid', 'after');
  return { at: key.slice(kind.length + 1), id };
}

/** The sort column as text with PostgreSQL's microseconds: a JavaScript Date (milliseconds) would skip or repeat rows. */
export const cursorColumn = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * One page, newest first by (`column`, id) of `alias`, after `position`. `query` is already filtered;
 * it fetches one row more than `size` to know whether another page follows.
 */
export async function newestFirst<T extends ObjectLiteral & { id: string }>(
  kind: CursorKind,
  query: SelectQueryBuilder<T>,
  alias: string,
  column: string,
  size: number,
  position: Position | null,
): Promise<Page<T>> {
  const sortColumn = `${alias}.${column}`;
  if (position) query.andWhere(`(${sortColumn}, ${alias}.id) < (CAST(:cursorAt AS timestamptz), CAST(:cursorId AS uuid))`, { cursorAt: position.at, cursorId: position.id });
  const { entities, raw } = await query
    .addSelect(cursorColumn(sortColumn), 'cursor_at')
    .orderBy(sortColumn, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(size + 1)
    .getRawAndEntities<{ cursor_at: string }>();
  return pageOf(kind, entities, raw, size);
}

/** Rows (one more than `size` when another page follows) and their raw `cursor_at` as a page. */
export function pageOf<T extends { id: string }>(kind: CursorKind, rows: T[], raw: { cursor_at: string }[], size: number): Page<T> {
  const edges = rows.slice(0, size).map((node, i) => ({ cursor: encodeCursor(`${kind}|${raw[i].cursor_at}`, node.id), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
}
