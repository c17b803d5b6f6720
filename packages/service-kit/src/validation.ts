import { z } from 'zod';
import { badUserInput } from '@supergraph/errors';

const uuid = z.uuid();

/** Ids are UUIDs; checking first keeps a malformed id from reaching SQL as an internal error. */
export const isUuid = (value: string) => uuid.safeParse(value).success;

/** A connection's `first`: 1 to `max` (default 20), or BAD_USER_INPUT on `field`. */
export function pageSize(first: number | null | undefined, field = 'first', max = 100): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > max) throw badUserInput(`${field} must be between 1 and ${max}`, field);
  return size;
}

/** Opaque cursors: base64url of the sort key and the id that breaks ties. */
export function encodeCursor(key: unknown, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): [unknown, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[1] === 'string' && isUuid(value[1])) return [value[0], value[1]];
  } catch {
    /* fall through */
  }
  throw badUserInput('Cursor is not valid', field);
}
