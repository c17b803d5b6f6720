// Typed resolvers for every subgraph of schema/subgraphs.json (`npm run codegen`;
// `npm run codegen:check` fails when stale). The targets follow the list, so a new subgraph needs
// no edit here: its mappers (the TypeORM entities a resolver's parent is, as `<Name>Entity`) sit in
// the `codegen.mappers` key of its own package.json, as paths from src/__generated__/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

const ROOT = __dirname;

const shared = {
  federation: true,
  useTypeImports: true,
  contextType: '../context#Context',
  useIndexSignature: true,
  enumsAsTypes: true,
  // Entities and GraphQL types share names; import the entities as `<Name>Entity`.
  mapperTypeSuffix: 'Entity',
  scalars: { DateTime: { input: 'string', output: 'Date | string' }, Long: { input: 'string', output: 'string' } },
};

const readJson = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const subgraphs: { name: string }[] = readJson('schema/subgraphs.json').subgraphs;

const config: CodegenConfig = {
  overwrite: true,
  generates: Object.fromEntries(
    subgraphs.map(({ name }) => [
      `subgraphs/${name}/src/__generated__/resolvers-types.ts`,
      {
        schema: `subgraphs/${name}/src/schema.graphql`,
        plugins: ['typescript', 'typescript-resolvers'],
        config: { ...shared, mappers: readJson(`subgraphs/${name}/package.json`).codegen?.mappers ?? {} },
      },
    ]),
  ),
};

export default config;
