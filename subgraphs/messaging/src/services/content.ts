import { badUserInput } from '@supergraph/errors';

export const MAX_CONTENT = 4000;

/** C0 and C1 controls other than tab, newline and carriage return, and the bidirectional overrides that make text read otherwise than it is stored. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** A message's text: 1 to 4,000 characters, not only whitespace, no control characters. Kept as sent: plain text, never markup. */
export function requireContent(value: string, field: string): string {
  if (!value.trim()) throw badUserInput('The message is empty', field);
  if ([...value].length > MAX_CONTENT) throw badUserInput(`A message has at most ${MAX_CONTENT} characters`, field);
  if (FORBIDDEN_CHARACTERS.test(value)) throw badUserInput('A message may not contain control characters', field);
  return value;
}

/** Short labels (room names, client ids, emoji): trimmed, 1 to `max` characters, no control characters. */
export function requireLabel(value: string, field: string, max: number): string {
  const text = value.trim();
  if (!text || [...text].length > max || FORBIDDEN_CHARACTERS.test(text)) throw badUserInput(`${field} must be 1 to ${max} characters, without control characters`, field);
  return text;
}
