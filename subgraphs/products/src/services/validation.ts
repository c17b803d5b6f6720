import { badUserInput } from '@supergraph/errors';

export { decodeCursor, encodeCursor, isUuid, pageSize } from '@supergraph/service-kit';

export function requireText(value: string | null | undefined, field: string, { min = 1, max = 200 } = {}): string {
  const text = (value ?? '').trim();
  if (text.length < min || text.length > max) throw badUserInput(`${field} must be ${min} to ${max} characters`, field);
  return text;
}

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
export function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
