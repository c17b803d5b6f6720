import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gqlPluckFromCodeStringSync } from '@graphql-tools/graphql-tag-pluck';
import { GraphQLError, Kind, parse, Source, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { globSync } from 'tinyglobby';
import { ROOT } from '../supergraph';

/** Where client documents are looked for: `.graphql` files and gql/graphql tags or `/* GraphQL *\/` comments in code. */
export const CLIENT_DOCUMENT_GLOBS = ['clients/**/*.{graphql,gql,ts,tsx,js,jsx}'];
/** Generated and built output, dependencies and test artifacts are not client documents. */
const IGNORED = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/coverage/**', '**/__generated__/**', '**/test/artifacts/**', '**/*.d.ts'];

export interface ClientDefinition {
  file: string;
  /** `clients/<name>`: fragments are looked up in the same file, then the same workspace, then anywhere. */
  workspace: string;
  node: OperationDefinitionNode | FragmentDefinitionNode;
}

export interface DocumentProblem {
  file: string;
  line?: number;
  /** `query Catalogue`, `fragment ProductCard`; absent for a file that did not parse. */
  definition?: string;
  message: string;
}

export interface ClientDocuments {
  definitions: ClientDefinition[];
  problems: DocumentProblem[];
  files: number;
  /** A node's line in its file: a tagged template starts some lines into it. */
  lineOf(source: Source, line: number): { file: string; line: number } | undefined;
}

/** Sources of a code file: each tag's body, and the file line its first line is on (the tag strips leading blank lines). */
function codeSources(file: string, code: string): { source: Source; firstLine: number }[] {
  return gqlPluckFromCodeStringSync(file, code).map((source) => {
    const { line, index } = source.locationOffset as { line: number; index?: number };
    // `index` is the opening backtick's.
    const leading = index === undefined ? '' : (/^`?(\s*)/.exec(code.slice(index))?.[1] ?? '');
    return { source, firstLine: line + leading.split('\n').length - 1 };
  });
}

export function loadClientDocuments(root = ROOT): ClientDocuments {
  const files = globSync(CLIENT_DOCUMENT_GLOBS, { cwd: root, ignore: IGNORED }).sort();
  const definitions: ClientDefinition[] = [];
  const problems: DocumentProblem[] = [];
  const firstLines = new Map<Source, { file: string; firstLine: number }>();
  const lineOf = (source: Source, line: number) => {
    const at = firstLines.get(source);
    return at && { file: at.file, line: at.firstLine + line - 1 };
  };
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const workspace = file.split('/').slice(0, 2).join('/');
    let sources: { source: Source; firstLine: number }[];
    try {
      sources = /\.g(raph)?ql$/.test(file) ? [{ source: new Source(text, file), firstLine: 1 }] : codeSources(file, text);
    } catch (error) {
      problems.push({ file, message: `cannot read its GraphQL tags: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` });
      continue;
    }
    for (const { source, firstLine } of sources) {
      firstLines.set(source, { file, firstLine });
      try {
        // Type definitions (a schema copy kept for codegen or an editor) are not operations: skipped.
        for (const node of parse(source).definitions) {
          if (node.kind === Kind.OPERATION_DEFINITION || node.kind === Kind.FRAGMENT_DEFINITION) definitions.push({ file, workspace, node });
        }
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        problems.push({ file, line: error.locations && lineOf(source, error.locations[0].line)?.line, message: error.message });
      }
    }
  }
  return { definitions, problems, files: files.length, lineOf };
}
