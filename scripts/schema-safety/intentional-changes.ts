import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Change } from '@graphql-inspector/core';
import { parse } from 'yaml';
import { z } from 'zod';
import { ROOT } from '../supergraph';

export const INTENTIONAL_CHANGES_PATH = join(ROOT, 'schema/intentional-changes.yaml');

const entry = z.strictObject({
  type: z.string().regex(/^[A-Z_]+$/, 'a change type as schema:check prints it, e.g. FIELD_REMOVED'),
  path: z.string().min(1),
  reason: z.string().trim().min(1, 'say why the break is acceptable'),
});
const file = z.strictObject({ changes: z.array(entry).nullish() });

export type IntentionalChange = z.infer<typeof entry>;

/** The breaking changes marked as meant; throws with every problem of a malformed file. */
export function readIntentionalChanges(path = INTENTIONAL_CHANGES_PATH): IntentionalChange[] {
  if (!existsSync(path)) return [];
  const parsed = file.safeParse(parse(readFileSync(path, 'utf8')) ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`${path} is malformed:\n${problems.join('\n')}`);
  }
  return parsed.data.changes ?? [];
}

/** A change's path as printed and matched; changes to the schema itself (root types) have none. */
export const pathOf = (change: Change) => change.path ?? '(schema)';

export const isMarked = (change: Change, marked: IntentionalChange[]) => marked.some((m) => m.type === change.type && m.path === pathOf(change));
