import type { ApolloServerPlugin } from '@apollo/server';
import {
  BREAK,
  GraphQLError,
  Kind,
  parse,
  visit,
  type ASTNode,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { ErrorCode } from '@supergraph/errors';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  /** Estimated work: each field costs 1, and a list field multiplies what is under it by its `first`/`last`. */
  maxCost: number;
  /** Most times one response key may be selected in one selection set, fragments spread (default 10). */
  maxFieldRepetitions?: number;
  /** Most directives on one field, fragment spread, inline fragment, fragment or operation (default 5). */
  maxDirectives?: number;
}

/**
 * The defaults, shared by the router's environment and the embedded entry point.
 *
 * maxFieldRepetitions 10: a hand-written query never selects one key twice in a selection set;
 * generated clients do (`id` and `__typename` once more for each colocated fragment on the same
 * object), a handful of times. What repetitions cost is validation (graphql-js compares every
 * pair of fields with the same key: 500 repetitions take ~50 ms of CPU, 10 nothing measurable).
 *
 * maxDirectives 5: the executable directives (`@include`, `@skip`, `@defer`) may each appear once
 * in one place; more on one field is only ever a scanner's or an attacker's (graphql-cop sends ten
 * of one unknown directive). The total over the operation is bounded by `maxTokens`.
 */
export const DEFAULT_LIMITS = { maxDepth: 15, maxAliases: 30, maxCost: 50_000, maxTokens: 5000, maxFieldRepetitions: 10, maxDirectives: 5 } as const;

/**
 * Largest HTTP request body (1 MiB), for every operation: the biggest legitimate one is a batch of
 * 5,000 telemetry readings, ~650 KB of JSON (~965 KB with 64-character metric names). Parsing a
 * 1 MiB body costs a few milliseconds; anything larger is refused with 413 before it is read whole.
 */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

function intArgument(value: ValueNode | undefined, variables: Record<string, unknown>): number | undefined {
  if (!value) return undefined;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
}

/** Walks the operation once, following fragments (each fragment counted where it is spread). */
export function measureOperation(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown> = {}): Measure {
  const measure: Measure = { depth: 0, aliases: 0, cost: 0 };
  const walk = (selectionSet: SelectionSetNode, depth: number, visiting: Set<string>): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) measure.aliases++;
        if (selection.name.value.startsWith('__')) continue;
        measure.depth = Math.max(measure.depth, depth);
        let fieldCost = 1;
        if (selection.selectionSet) {
          const args = Object.fromEntries((selection.arguments ?? []).map((a) => [a.name.value, a.value]));
          const size = intArgument(args.first, variables) ?? intArgument(args.last, variables);
          const multiplier = size !== undefined ? Math.max(1, size) : 1;
          fieldCost += multiplier * walk(selection.selectionSet, depth + 1, visiting);
        }
        cost += fieldCost;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += walk(selection.selectionSet, depth, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || visiting.has(name)) continue; // cycles are a validation error anyway
        visiting.add(name);
        cost += walk(fragment.selectionSet, depth, visiting);
        visiting.delete(name);
      }
    }
    return cost;
  };
  measure.cost = walk(operation.selectionSet, 1, new Set());
  return measure;
}

function limitError(message: string, extensions: Record<string, unknown>) {
  return new GraphQLError(message, { extensions: { code: ErrorCode.OPERATION_LIMIT_EXCEEDED, http: { status: 400 }, ...extensions } });
}

function directivesAt(node: ASTNode): readonly DirectiveNode[] | undefined {
  return 'directives' in node ? node.directives : undefined;
}

/**
 * The limits that must hold before validation, because validating such a document is itself the
 * cost: too many directives in one place, or one response key selected too often in one selection
 * set (with fragments spread, as validation merges them). Every selection set of the document is
 * checked, unused fragments too (validation would visit them). The walk stops at the first key past
 * the limit, so chains of fragments spreading a fragment twice cannot make it exponential.
 */
export function documentLimitError(document: DocumentNode, limits: Pick<OperationLimits, 'maxFieldRepetitions' | 'maxDirectives'>): GraphQLError | undefined {
  const maxDirectives = limits.maxDirectives ?? DEFAULT_LIMITS.maxDirectives;
  const maxRepetitions = limits.maxFieldRepetitions ?? DEFAULT_LIMITS.maxFieldRepetitions;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  let error: GraphQLError | undefined;
  visit(document, {
    enter(node) {
      const directives = directivesAt(node);
      if (directives && directives.length > maxDirectives) {
        const field = node.kind === Kind.FIELD ? (node.alias ?? node.name).value : undefined;
        error = limitError(`${directives.length} directives in one place${field ? ` (on "${field}")` : ''}; the limit is ${maxDirectives}`, {
          limit: 'directives',
          value: directives.length,
          max: maxDirectives,
          ...(field ? { field } : {}),
        });
        return BREAK;
      }
      if (node.kind !== Kind.SELECTION_SET) return;
      const counts = new Map<string, number>();
      const count = (selectionSet: SelectionSetNode, spreading: Set<string>): string | undefined => {
        for (const selection of selectionSet.selections) {
          if (selection.kind === Kind.FIELD) {
            const key = (selection.alias ?? selection.name).value;
            const n = (counts.get(key) ?? 0) + 1;
            counts.set(key, n);
            if (n > maxRepetitions) return key;
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            const over = count(selection.selectionSet, spreading);
            if (over) return over;
          } else {
            const fragment = fragments[selection.name.value];
            if (!fragment || spreading.has(fragment.name.value)) continue; // unknown or cyclic: validation says so
            spreading.add(fragment.name.value);
            const over = count(fragment.selectionSet, spreading);
            spreading.delete(fragment.name.value);
            if (over) return over;
          }
        }
        return undefined;
      };
      const field = count(node, new Set());
      if (field) {
        error = limitError(`Field "${field}" is selected more than ${maxRepetitions} times in one selection set; the limit is ${maxRepetitions}`, {
          limit: 'fieldRepetitions',
          field,
          max: maxRepetitions,
        });
        return BREAK;
      }
    },
  });
  return error;
}

/**
 * `documentLimitError` for the HTTP handler's guard, which sees the query text before Apollo Server
 * parses (and validates) it. Texts that passed are remembered (a bounded set) so that the hot path
 * does not parse twice: Apollo keeps its parsed documents by the same text. A text that does not
 * parse is left to Apollo, which reports it.
 */
export function documentLimitsGuard(limits: OperationLimits & { maxTokens: number }, remember = 1000): (query: string) => GraphQLError | undefined {
  const passed = new Set<string>();
  return (query) => {
    if (passed.has(query)) return undefined;
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
    } catch {
      return undefined;
    }
    const error = documentLimitError(document, limits);
    if (!error) {
      if (passed.size >= remember) passed.clear();
      passed.add(query);
    }
    return error;
  };
}

/**
 * Refuses operations that are too deep, have too many aliases or would cost too much, before any
 * subgraph is called. (The token limit is enforced by the parser: `parseOptions.maxTokens`; too
 * many directives in one place or repetitions of one field by `documentLimitsGuard`, before that.)
 */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const { depth, aliases, cost } = measureOperation(operation, fragments, request.variables ?? {});
          if (depth > limits.maxDepth) throw limitError(`Operation is ${depth} levels deep; the limit is ${limits.maxDepth}`, { limit: 'depth', value: depth, max: limits.maxDepth });
          if (aliases > limits.maxAliases) throw limitError(`Operation has ${aliases} aliases; the limit is ${limits.maxAliases}`, { limit: 'aliases', value: aliases, max: limits.maxAliases });
          if (cost > limits.maxCost) throw limitError(`Operation would cost ${cost}; the limit is ${limits.maxCost}`, { limit: 'cost', value: cost, max: limits.maxCost });
        },
      };
    },
  };
}
