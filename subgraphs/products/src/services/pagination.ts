import { badUserInput } from '@supergraph/errors';
import { decodeCursor, encodeCursor } from '@supergraph/service-kit';

/** What a connection resolves from (the codegen mapper of `ProductConnection` and `ReviewConnection`). */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when a client selects it. */
  totalCount: () => Promise<number>;
}

/** One page of rows for a connection: up to `size` nodes and whether more follow. */
export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
}

export type SortKey = string | number;

/** Where a page starts: strictly after this (sort key, id) pair. */
export interface After {
  key: SortKey;
  id: string;
}

/** How a keyset is ordered: the name in its cursors, and how to read and check a row's sort key. */
export interface Ordering<T> {
  /** Written into cursors, so that a cursor of another ordering is refused rather than misread. */
  name: string;
  keyOf(node: T): SortKey;
  isKey(value: unknown): value is SortKey;
}

export const isInteger = (value: unknown): value is number => Number.isSafeInteger(value);
export const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
export const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= 1000;
/** ISO 8601 with milliseconds, as `Date.prototype.toISOString` writes it. */
export const isInstant = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && !Number.isNaN(Date.parse(value));

/** Opaque cursor: base64url of the ordering's name with the sort key, and the id that breaks ties. */
export function cursorOf<T extends { id: string }>(ordering: Ordering<T>, node: T): string {
  return encodeCursor([ordering.name, ordering.keyOf(node)], node.id);
}

/**
 * Reads an `after` cursor: BAD_USER_INPUT on `field` when it is not one of ours, belongs to another
 * ordering, or carries a key of the wrong type (which would otherwise reach SQL as a cast error).
 */
export function readAfter<T>(after: string | null | undefined, ordering: Ordering<T>, field = 'after'): After | null {
  if (after === null || after === undefined) return null;
  const [tagged, id] = decodeCursor(after, field);
  if (!Array.isArray(tagged) || tagged.length !== 2 || tagged[0] !== ordering.name) {
    throw badUserInput('Cursor belongs to another list or ordering', field);
  }
  if (!ordering.isKey(tagged[1])) throw badUserInput('Cursor is not valid', field);
  return { key: tagged[1], id };
}

/** Builds a connection from a page; `totalCount` is deferred to the resolver that asks for it. */
export function toConnection<T extends { id: string }>(page: Page<T>, ordering: Ordering<T>, totalCount: () => Promise<number>): Connection<T> {
  const edges = page.nodes.map((node) => ({ cursor: cursorOf(ordering, node), node }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

/** Rows fetched with `LIMIT size + 1`: the extra row only says that another page exists. */
export function pageOf<T>(rows: T[], size: number): Page<T> {
  return { nodes: rows.slice(0, size), hasNextPage: rows.length > size };
}
