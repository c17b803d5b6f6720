import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
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
}

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

/**
 * Refuses operations that are too deep, have too many aliases or would cost too much, before any
 * subgraph is called. (The token limit is enforced by the parser: `parseOptions.maxTokens`.)
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
