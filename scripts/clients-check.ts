// `npm run clients:check`: every operation and fragment of the clients (clients/**: .graphql files,
// gql/graphql tags and /* GraphQL */ strings in code) validated with all of graphql-js's rules against
// the API schema composed from the subgraphs' SDL in the working tree. Exits 1 on any error, naming
// the file, line and operation; passes when there are no documents.
import { composedApiSchema } from './schema-safety/api-schema';
import { CLIENT_DOCUMENT_GLOBS, loadClientDocuments, type DocumentProblem } from './schema-safety/client-documents';
import { validateClientDocuments } from './schema-safety/validate-documents';

const line = (p: DocumentProblem) => `  ${p.file}${p.line ? `:${p.line}` : ''}${p.definition ? ` (${p.definition})` : ''}: ${p.message}`;

function main(): number {
  const documents = loadClientDocuments();
  const operations = documents.definitions.filter((d) => d.node.kind === 'OperationDefinition').length;
  if (!documents.definitions.length && !documents.problems.length) {
    console.log(`clients:check: no client documents (${CLIENT_DOCUMENT_GLOBS.join(', ')}): nothing to validate`);
    return 0;
  }
  const problems = [...documents.problems, ...validateClientDocuments(composedApiSchema(), documents)];
  console.log(`clients:check: ${operations} operations and ${documents.definitions.length - operations} fragments in ${documents.files} files against the composed API schema`);
  if (!problems.length) return 0;
  console.error(`${problems.length} errors; a client sending these would be refused:\n${problems.map(line).join('\n')}`);
  return 1;
}

try {
  process.exit(main());
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
