import { decodeCursor, encodeCursor } from '@supergraph/service-kit';
import { badUserInput } from '@supergraph/errors';

/** A Relay connection from one page of rows. */
export function connectionOf<T extends { id: string }>(rows: T[], keyOf: (row: T) => unknown, hasNextPage: boolean, totalCount: number) {
  const edges = rows.map((node) => ({ cursor: encodeCursor(keyOf(node), node.id), node }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

/** The seq a newest-first cursor points at; BAD_USER_INPUT for a cursor of another list. */
export function seqOfCursor(after: string | null | undefined, field = 'after'): number | null {
  if (!after) return null;
  const [seq] = decodeCursor(after, field);
  if (!Number.isSafeInteger(seq) || (seq as number) < 1) throw badUserInput('Cursor is not valid', field);
  return seq as number;
}
