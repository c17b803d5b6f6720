// `npm run schema:check`: the API schema composed from the subgraphs' SDL in the working tree against
// the API schema committed where this branch left main (SCHEMA_BASE_REF to compare with another
// ref). Exits 1 on a breaking change that schema/intentional-changes.yaml does not list; dangerous
// changes are printed only.
import { relative } from 'node:path';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { apiSchemaOf, composedApiSchema } from './schema-safety/api-schema';
import { baseline } from './schema-safety/baseline';
import { INTENTIONAL_CHANGES_PATH, isMarked, pathOf, readIntentionalChanges } from './schema-safety/intentional-changes';
import { ROOT } from './supergraph';

const line = (c: Change) => `  - ${c.type} ${pathOf(c)}: ${c.message}`;

async function main(): Promise<number> {
  const base = baseline();
  const at = `${base.ref} (merge-base ${base.commit.slice(0, 12)})`;
  if (base.isHead) console.log(`schema:check: the base ${at} is the current commit: checking the working tree's subgraphs against it`);
  if (base.supergraphSdl === undefined) {
    console.log(`schema:check: ${at} has no schema/supergraph.graphql: nothing to compare with`);
    return 0;
  }
  const marked = readIntentionalChanges();
  const changes = await diff(apiSchemaOf(base.supergraphSdl), composedApiSchema());
  const of = (level: CriticalityLevel) => changes.filter((c) => c.criticality.level === level);
  const breaking = of(CriticalityLevel.Breaking);
  const unmarked = breaking.filter((c) => !isMarked(c, marked));
  const intended = breaking.filter((c) => isMarked(c, marked));
  const dangerous = of(CriticalityLevel.Dangerous);

  console.log(`schema:check: API schema against ${at}: ${breaking.length} breaking, ${dangerous.length} dangerous, ${of(CriticalityLevel.NonBreaking).length} safe changes`);
  if (dangerous.length) console.log(`Dangerous (allowed; check that clients cope):\n${dangerous.map(line).join('\n')}`);
  if (intended.length) console.log(`Breaking, marked intentional in schema/intentional-changes.yaml:\n${intended.map(line).join('\n')}`);
  const stale = marked.filter((m) => !breaking.some((c) => c.type === m.type && pathOf(c) === m.path));
  if (stale.length) console.log(`Entries of schema/intentional-changes.yaml that match no change (already on ${base.ref}? remove them):\n${stale.map((m) => `  - ${m.type} ${m.path}`).join('\n')}`);
  if (!unmarked.length) return 0;
  console.error(`Breaking changes:\n${unmarked.map(line).join('\n')}`);
  console.error(`Each breaks clients that use what changed. If one is meant, add it to ${relative(ROOT, INTENTIONAL_CHANGES_PATH)} with its type, path and a reason.`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
