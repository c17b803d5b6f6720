import { decodeCursor as decode } from '@supergraph/service-kit';
import { badUserInput } from '@supergraph/errors';

export { encodeCursor, isUuid, pageSize } from '@supergraph/service-kit';

/** Order cursors carry the creation time (ISO string) and the id. */
export function decodeCursor(cursor: string, field = 'after'): [string, string] {
  const [at, id] = decode(cursor, field);
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) throw badUserInput('Cursor is not valid', field);
  return [at, id];
}
