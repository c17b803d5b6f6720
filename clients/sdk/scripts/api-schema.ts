// The API schema partners see: the composed supergraph without federation's join/link machinery
// and without @inaccessible fields. Codegen reads it (codegen.ts); `npm run codegen -w clients/sdk`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';

const ROOT = join(__dirname, '../../..');
const supergraph = Supergraph.build(readFileSync(join(ROOT, 'schema/supergraph.graphql'), 'utf8'));
const header = '# Generated from schema/supergraph.graphql by clients/sdk/scripts/api-schema.ts; do not edit.\n\n';
writeFileSync(join(__dirname, '../src/__generated__/api-schema.graphql'), header + printSchema(supergraph.apiSchema().toGraphQLJSSchema()) + '\n');
