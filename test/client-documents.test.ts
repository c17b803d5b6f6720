import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { composedApiSchema } from '../scripts/schema-safety/api-schema';
import { loadClientDocuments } from '../scripts/schema-safety/client-documents';
import { validateClientDocuments } from '../scripts/schema-safety/validate-documents';

/**
 * What clients:check reads and how it reports: documents the way the clients write them (.graphql
 * files, gql and graphql() tags, fragments shared across files and clients), validated against the
 * API schema composed from this checkout's subgraphs, each error at its file, line and operation.
 */
const FILES: Record<string, string> = {
  'clients/core/src/fragments.graphql': 'fragment ProductCard on Product {\n  id\n  name\n  price {\n    amount\n  }\n}\n',
  'clients/web/src/Catalogue.tsx': [
    "import { gql } from '@apollo/client';",
    "import { ProductCard } from '@clients/core';",
    '',
    'export const CATALOGUE = gql`',
    '  query Catalogue {',
    '    products(first: 5) {',
    '      edges {',
    '        node {',
    '          ...ProductCard',
    '          colour',
    '        }',
    '      }',
    '    }',
    '  }',
    '  ${ProductCard}',
    '`;',
  ].join('\n'),
  'clients/mobile/src/me.ts': "import { graphql } from './gql';\n\nexport const ME = graphql(`query Me { me { id email } }`);\nexport const BROKEN = graphql(`query Broken { me {`);\n",
  // Not client documents: a schema copy for an editor, generated output, dependencies.
  'clients/core/schema.graphql': 'type Query { anything: String }\n',
  'clients/core/src/__generated__/graphql.ts': 'export const X = gql`query Generated { nothing }`;\n',
  'clients/web/node_modules/lib/index.js': 'export const Y = gql`query Dependency { nothing }`;\n',
};

describe('clients:check documents', () => {
  let root: string;
  let schema: GraphQLSchema;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'client-documents-'));
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    schema = composedApiSchema();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds operations in .graphql files and gql/graphql() tags, and skips type definitions, generated files and dependencies', () => {
    const { definitions, files } = loadClientDocuments(root);
    expect(files).toBe(4);
    const names = definitions.map(({ file, node }) => `${file} ${node.name?.value}`);
    expect(names).toEqual(['clients/core/src/fragments.graphql ProductCard', 'clients/mobile/src/me.ts Me', 'clients/web/src/Catalogue.tsx Catalogue']);
  });

  it('validates each operation with the fragments it spreads from other files, and names the file, line and operation of each error', () => {
    const documents = loadClientDocuments(root);
    expect([...documents.problems, ...validateClientDocuments(schema, documents)]).toEqual([
      { file: 'clients/mobile/src/me.ts', line: 4, message: 'Syntax Error: Expected Name, found <EOF>.' },
      { file: 'clients/web/src/Catalogue.tsx', line: 10, definition: 'query Catalogue', message: 'Cannot query field "colour" on type "Product".' },
    ]);
  });

  it("reports a shared fragment's error where the fragment is, for the operation that spreads it", () => {
    writeFileSync(join(root, 'clients/core/src/fragments.graphql'), FILES['clients/core/src/fragments.graphql'].replace('  name\n', '  name\n  barcode\n'));
    const documents = loadClientDocuments(root);
    expect(validateClientDocuments(schema, documents)).toContainEqual({
      file: 'clients/core/src/fragments.graphql',
      line: 4,
      definition: 'query Catalogue',
      message: 'Cannot query field "barcode" on type "Product".',
    });
  });
});
