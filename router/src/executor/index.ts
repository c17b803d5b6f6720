/* eslint-disable @typescript-eslint/no-unsafe-assignment --
   The fast executor walks response data of any shape (JSON from subgraphs, keyed by the client's
   aliases) and calls @apollo/gateway's and @apollo/query-planner's internals, which are typed
   loosely or not at all: `any` is the honest type of that data. */
import '../privacy'; // first, before @apollo/gateway loads: Apollo's data collection off unless opted in
import { buildOperationContext, type ApolloGateway } from '@apollo/gateway';
// Not re-exported by the package's index: a deep import, typed, so that a release that moves it
// fails at typecheck (the Apollo packages are pinned to exact versions for the same reason).
import { computeResponse } from '@apollo/gateway/dist/resultShaping';
import { operationFromDocument } from '@apollo/federation-internals';
import type { PlanNode } from '@apollo/query-planner';
import { getVariableValues, type GraphQLSchema } from 'graphql';
import type { SupergraphRuntime } from '../runtime';
import { executeNode, planFallback, type ExecutionResult, type ExecutionState, type Executor, type Prepared, type RequestContext } from './execute';
import { compileSelectionSet, NeedsCompletion, NotFastPath, Shaper, type FallbackReason, type Json } from './shape';

export type { FallbackReason } from './shape';

/**
 * A faster executor for `@apollo/gateway`, offered to Apollo Server through the gateway interface
 * (a wrapper around `ApolloGateway`: the same runtime — schema, planner, data sources).
 *
 * What the stock executor does on every request, and this one once per operation:
 * - builds the federation `Operation` from the document (`operationFromDocument`) — now only when
 *   the operation is planned, and kept with the plan;
 * - shapes the merged subgraph data into the response by walking that `Operation`'s selections
 *   through several layers of getters — now a selection tree compiled from the GraphQL AST once
 *   (shape.ts), walked with plain property reads.
 * Plan execution (execute.ts) follows `executeQueryPlan` step by step.
 *
 * Anything unusual takes the stock path: mutations, subscriptions, introspection fields, plans
 * with `@defer` or data rewrites, usage-reporting traces, the query-plan debug header. A response
 * whose data needs value completion (a null in a non-null field, an invalid leaf or `__typename`)
 * is shaped by the gateway's own `computeResponse`, so errors are reported exactly as before.
 * Each of these is reported to `onFallback` with its reason.
 */
export interface FastExecutorOptions {
  /** Operations whose plan and compiled shape are kept (least recently used are dropped). */
  planCacheSize?: number;
  /** Called whenever a request leaves the fast path, with why (for the metric). */
  onFallback?: (reason: FallbackReason) => void;
}

export interface FastGateway {
  load: ApolloGateway['load'];
  onSchemaLoadOrUpdate: ApolloGateway['onSchemaLoadOrUpdate'];
  stop: ApolloGateway['stop'];
  /** Requests served by the fast path and by the stock executor. */
  readonly stats: { fast: number; stock: number; completion: number };
}

/**
 * Wraps `gateway` so Apollo Server runs queries through the fast executor; `runtime` is read once
 * the gateway has loaded (it is what the gateway built).
 */
export function fastGateway(gateway: ApolloGateway, runtime: () => SupergraphRuntime, options: FastExecutorOptions = {}): FastGateway {
  const cacheSize = options.planCacheSize ?? 1000;
  const onFallback = options.onFallback ?? (() => {});
  /** Prepared operations by query hash and operation name; a reason: take the stock path. */
  const cache = new Map<string, Prepared | FallbackReason>();
  const stats = { fast: 0, stock: 0, completion: 0 };

  const prepare = (rc: RequestContext, schema: GraphQLSchema, { apiSchema, planner }: SupergraphRuntime): Prepared | FallbackReason => {
    try {
      const { operation: definition, fragments } = buildOperationContext({ schema, operationDocument: rc.document, operationName: rc.request.operationName });
      if (definition.operation !== 'query') return 'operation_type';
      const rootType = schema.getQueryType()!;
      const shape = compileSelectionSet(schema, rootType, definition.selectionSet, fragments);
      const operation = operationFromDocument(apiSchema, rc.document, { operationName: rc.request.operationName });
      const plan = planner.buildQueryPlan(operation);
      const unfit = plan.node?.kind === 'Subscription' ? 'operation_type' : planFallback(plan.node);
      if (unfit) return unfit;
      const defaults = { ...operation.collectDefaultedVariableValues() };
      return { plan, operation, rootType: rootType.name, shape, defaults, hasVariables: !!definition.variableDefinitions?.length };
    } catch (error) {
      // the stock executor reports whatever is wrong, exactly as before
      return error instanceof NotFastPath ? error.reason : 'invalid_operation';
    }
  };

  const stock = (run: Executor, rc: RequestContext, reason: FallbackReason) => {
    stats.stock++;
    onFallback(reason);
    return run(rc);
  };

  const wrap = (run: Executor, schema: GraphQLSchema): Executor => {
    const loaded = runtime();
    return async (rc) => {
      if (!rc.document || rc.metrics?.captureTraces || rc.request.http?.headers.get('apollo-query-plan-experimental')) return stock(run, rc, 'request');
      const key = `${rc.queryHash}\n${rc.request.operationName ?? ''}`;
      let prepared = cache.get(key);
      if (prepared === undefined) {
        prepared = prepare(rc, schema, loaded);
        if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
        cache.set(key, prepared);
      } else {
        // least recently used first out
        cache.delete(key);
        cache.set(key, prepared);
      }
      if (typeof prepared === 'string') return stock(run, rc, prepared);
      stats.fast++;
      return execute(prepared, rc, schema, loaded);
    };
  };

  const execute = async (prepared: Prepared, rc: RequestContext, schema: GraphQLSchema, { supergraphSchema, serviceMap }: SupergraphRuntime): Promise<ExecutionResult> => {
    if (prepared.hasVariables) {
      const definition = buildOperationContext({ schema, operationDocument: rc.document, operationName: rc.request.operationName }).operation;
      const { errors } = getVariableValues(schema, definition.variableDefinitions ?? [], rc.request.variables ?? {});
      if (errors?.length) return { errors };
    }
    const state: ExecutionState = { rc, prepared, errors: [] };
    const unfiltered: Json = Object.create(null);
    if (prepared.plan.node) await executeNode(state, prepared.plan.node as PlanNode, { path: [], data: unfiltered, fullResult: unfiltered }, supergraphSchema, serviceMap);
    const variables = prepared.hasVariables ? { ...prepared.defaults, ...rc.request.variables } : prepared.defaults;
    let data: Json;
    try {
      data = Object.create(null);
      new Shaper(schema, variables).applySelections(unfiltered, prepared.shape, data, prepared.rootType);
    } catch (error) {
      if (!(error instanceof NeedsCompletion)) throw error;
      // Value completion as the gateway does it, errors and all.
      stats.completion++;
      onFallback('value_completion');
      const completed = computeResponse({ operation: prepared.operation, variables: rc.request.variables, input: unfiltered, introspectionHandling: () => null });
      if (state.errors.length === 0 && completed.errors.length > 0) return { extensions: { valueCompletion: completed.errors }, data: completed.data };
      data = completed.data as Json;
    }
    return state.errors.length === 0 ? { data } : { errors: state.errors, data };
  };

  return {
    stats,
    load: async (options) => {
      const loaded = await gateway.load(options);
      return { ...loaded, executor: wrap(loaded.executor, loaded.schema) };
    },
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
  };
}
