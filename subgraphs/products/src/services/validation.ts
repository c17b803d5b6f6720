import { z } from 'zod';
import { badUserInput } from '@supergraph/errors';

const uuid = z.uuid();
export const isUuid = (value: string) => uuid.safeParse(value).success;

export function requireText(value: string | null | undefined, field: string, { min = 1, max = 200 } = {}): string {
  const text = (value ?? '').trim();
  if (text.length < min || text.length > max) throw badUserInput(`${field} must be ${min} to ${max} characters`, field);
  return text;
}

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
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[1] === 'string' && isUuid(value[1])) return [value[0], value[1]];
  } catch {
    /* fall through */
  }
  throw badUserInput('Cursor is not valid', field);
}

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
export function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
