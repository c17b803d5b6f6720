// The API schema partners see: the composed supergraph without federation's join/link machinery
// and without @inaccessible fields. Codegen reads it (codegen.ts); `npm run codegen -w clients/sdk`
// writes it, test/generated-files.test.ts checks it is fresh.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';

export const API_SCHEMA_PATH = join(__dirname, '../src/__generated__/api-schema.graphql');
const SUPERGRAPH_PATH = join(__dirname, '../../../schema/supergraph.graphql');

export function apiSchemaSdl(): string {
  const supergraph = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  return `# Generated from schema/supergraph.graphql by clients/sdk/scripts/api-schema.ts; do not edit.\n\n${printSchema(supergraph.apiSchema().toGraphQLJSSchema())}\n`;
}

if (require.main === module) writeFileSync(API_SCHEMA_PATH, apiSchemaSdl());
