import { z } from 'zod';
import { badUserInput } from '@supergraph/errors';

const uuid = z.uuid();
export const isUuid = (value: string) => uuid.safeParse(value).success;

export function pageSize(first: number | null | undefined, field = 'first', max = 100): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > max) throw badUserInput(`${field} must be between 1 and ${max}`, field);
  return size;
}

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && isUuid(id)) return [at, id];
  } catch {
    /* fall through */
  }
  throw badUserInput('Cursor is not valid', field);
}
