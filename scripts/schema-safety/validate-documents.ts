import { getLocation, Kind, NoUnusedFragmentsRule, specifiedRules, validate, visit, type ASTNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { ClientDefinition, ClientDocuments, DocumentProblem } from './client-documents';

const label = ({ node }: ClientDefinition) => (node.kind === Kind.FRAGMENT_DEFINITION ? `fragment ${node.name.value}` : `${node.operation} ${node.name?.value ?? '(anonymous)'}`);

/** Fragment definitions by name, with the one closest to `from` first: the same file, then the same client workspace. */
function fragmentFinder(definitions: ClientDefinition[]) {
  const byName = new Map<string, ClientDefinition[]>();
  for (const d of definitions) if (d.node.kind === Kind.FRAGMENT_DEFINITION) byName.set(d.node.name.value, [...(byName.get(d.node.name.value) ?? []), d]);
  const closeness = (d: ClientDefinition, from: ClientDefinition) => (d.file === from.file ? 0 : d.workspace === from.workspace ? 1 : 2);
  return (name: string, from: ClientDefinition) => [...(byName.get(name) ?? [])].sort((a, b) => closeness(a, from) - closeness(b, from))[0];
}

/** The definition and every fragment it spreads, directly or through other fragments: what a client sends. */
function documentFor(root: ClientDefinition, find: ReturnType<typeof fragmentFinder>): { document: DocumentNode; used: ClientDefinition[] } {
  const used: ClientDefinition[] = [];
  const queue = [root];
  for (let current = queue.shift(); current; current = queue.shift()) {
    visit(current.node, {
      FragmentSpread: ({ name }) => {
        const fragment = find(name.value, current);
        if (!fragment || fragment === root || used.includes(fragment)) return;
        used.push(fragment);
        queue.push(fragment);
      },
    });
  }
  return { document: { kind: Kind.DOCUMENT, definitions: [root.node, ...used.map((d) => d.node)] }, used };
}

/**
 * Every client operation validated with all of graphql-js's rules against `schema`, together with the
 * fragments it spreads; fragments no operation uses are validated on their own.
 */
export function validateClientDocuments(schema: GraphQLSchema, { definitions, lineOf }: ClientDocuments): DocumentProblem[] {
  const find = fragmentFinder(definitions);
  const problems = new Map<string, DocumentProblem>();
  const usedFragments = new Set<ClientDefinition>();
  const check = (root: ClientDefinition, rules = specifiedRules) => {
    const { document, used } = documentFor(root, find);
    used.forEach((d) => usedFragments.add(d));
    for (const error of validate(schema, document, rules)) {
      const node: ASTNode | undefined = error.nodes?.find((n) => n.loc);
      const at = node?.loc && lineOf(node.loc.source, getLocation(node.loc.source, node.loc.start).line);
      const problem = { file: at ? at.file : root.file, line: at?.line, definition: label(root), message: error.message };
      // A fragment's error is reported once, for the first operation that spreads it.
      const key = `${problem.file}:${problem.line}:${problem.message}`;
      if (!problems.has(key)) problems.set(key, problem);
    }
  };
  definitions.filter((d) => d.node.kind === Kind.OPERATION_DEFINITION).forEach((d) => check(d));
  const unusedRules = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);
  definitions.filter((d) => d.node.kind === Kind.FRAGMENT_DEFINITION && !usedFragments.has(d)).forEach((d) => check(d, unusedRules));
  return [...problems.values()];
}
