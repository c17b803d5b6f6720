import { badUserInput } from '@supergraph/errors';

export { isUuid, pageSize } from '@supergraph/service-kit';

/** Trimmed text of `min` to `max` characters, or BAD_USER_INPUT on `field`. */
export function requireText(value: string | null | undefined, field: string, { min = 1, max = 200 } = {}): string {
  const text = (value ?? '').trim();
  if (text.length < min || text.length > max) {
    throw badUserInput(min > 0 ? `${field} must be ${min} to ${max} characters` : `${field} must be at most ${max} characters`, field);
  }
  return text;
}

/** Optional free text (a comment, a reason): blank becomes null. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  return requireText(value, field, { min: 0, max }) || null;
}

/** An integer in [min, max], or BAD_USER_INPUT on `field`. */
export function requireInteger(value: number | null | undefined, field: string, min: number, max: number, what = `${field} must be an integer from ${min} to ${max}`): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw badUserInput(what, field);
  return value;
}

/** Escapes LIKE wildcards so that a search for "70%" means those characters, not a pattern. */
export function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
