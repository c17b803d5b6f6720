// Typed documents for the SDK: the API schema (scripts/api-schema.ts) and src/operations/*.graphql
// become src/__generated__/operations.ts, one TypedDocumentNode per operation with its result
// and variables types. `npm run codegen -w clients/sdk` runs both steps.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  overwrite: true,
  schema: 'src/__generated__/api-schema.graphql',
  documents: 'src/operations/*.graphql',
  generates: {
    'src/__generated__/operations.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        scalars: { DateTime: 'string', Long: 'string' },
        dedupeFragments: true,
      },
    },
  },
};

export default config;
