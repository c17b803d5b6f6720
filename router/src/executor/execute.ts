/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return, no-restricted-syntax --
   The fast executor walks response data of any shape (JSON from subgraphs, keyed by the client's
   aliases) and calls @apollo/gateway's and @apollo/query-planner's internals, which are typed
   loosely or not at all: `any` is the honest type of that data. */
import '../privacy'; // first, before @apollo/gateway loads: Apollo's data collection off unless opted in
import type { ApolloGateway, GraphQLDataSource, ServiceMap } from '@apollo/gateway';
import { ERRORS, errorCodeDef, type Operation } from '@apollo/federation-internals';
import { evaluateCondition, type FetchNode, type PlanNode, type QueryPlan, type QueryPlanSelectionNode } from '@apollo/query-planner';
import { GraphQLError, isAbstractType, isObjectType, type GraphQLSchema } from 'graphql';
import type { FallbackReason, Json, SelectionShape } from './shape';

/**
 * Query plan execution as the gateway's `executeQueryPlan` does it, step by step (fetch, flatten,
 * sequence, parallel, condition; representations, merging, subgraph errors and their paths),
 * without its per-request tracing and rewrites: plans that need those take the stock executor.
 */

type LoadResult = Awaited<ReturnType<ApolloGateway['load']>>;
export type Executor = LoadResult['executor'];
export type RequestContext = Parameters<Executor>[0];
export type ExecutionResult = Awaited<ReturnType<Executor>>;

/** An operation ready for the fast path: its plan and compiled shape, kept per operation. */
export interface Prepared {
  plan: QueryPlan;
  operation: Operation;
  rootType: string;
  shape: SelectionShape[];
  defaults: Record<string, unknown>;
  hasVariables: boolean;
}

interface Cursor {
  path: (string | number)[];
  data: any;
  fullResult: Json;
}

export interface ExecutionState {
  rc: RequestContext;
  prepared: Prepared;
  errors: GraphQLError[];
}

function isObject(value: unknown): value is Json {
  return value !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value);
}

function defineOwn(obj: Json, prop: string) {
  if (!Object.prototype.hasOwnProperty.call(obj, prop) && prop in obj) {
    Object.defineProperty(obj, prop, { configurable: true, enumerable: true, value: undefined, writable: true });
  }
}

/** The gateway's `deepMerge`. */
function deepMerge(target: any, source: any): any {
  if (source === undefined || source === null) return target;
  for (const key of Object.keys(source)) {
    const s = source[key];
    if (s === undefined) continue;
    defineOwn(target, key);
    const t = target[key];
    if (t && isObject(s)) deepMerge(t, s);
    else if (Array.isArray(s) && Array.isArray(t) && s.length === t.length) {
      for (let i = 0; i < s.length; i++) {
        if (isObject(t[i]) && isObject(s[i])) deepMerge(t[i], s[i]);
        else t[i] = s[i];
      }
    } else target[key] = s;
  }
  return target;
}

function flattenAt(value: any, path: readonly (string | number)[], i: number): any {
  if (i === path.length || value === undefined || value === null) return value;
  const current = path[i];
  if (current === '@') {
    const out: any[] = [];
    for (const element of value) {
      const r = flattenAt(element, path, i + 1);
      if (Array.isArray(r)) for (const x of r) out.push(x);
      else out.push(r);
    }
    return out;
  }
  if (typeof current !== 'string') throw new Error(`Unexpected ${typeof current} found in path`);
  if (Array.isArray(value)) throw new Error(`Unexpected array in result for path element ${current}`);
  return flattenAt(Object.prototype.hasOwnProperty.call(value, current) ? value[current] : undefined, path, i + 1);
}

function generateHydratedPaths(parent: (string | number)[], path: readonly (string | number)[], i: number, data: any, result: (string | number)[][]) {
  if (data == null) return;
  const head = path[i];
  if (head == null) result.push(parent.slice());
  else if (head === '@') {
    (data as any[]).forEach((value, index) => {
      parent.push(index);
      generateHydratedPaths(parent, path, i + 1, value, result);
      parent.pop();
    });
  } else if (Array.isArray(data)) {
    data.forEach((value, index) => {
      parent.push(index);
      generateHydratedPaths(parent, path, i, value, result);
      parent.pop();
    });
  } else if (Object.prototype.hasOwnProperty.call(data, head)) {
    parent.push(head);
    generateHydratedPaths(parent, path, i + 1, data[head], result);
    parent.pop();
  }
}

function downstreamServiceError(original: any, serviceName: string, path: ReadonlyArray<string | number> | undefined): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const options = { originalError: original, path, extensions: { ...original.extensions, serviceName } };
  const codeDef = errorCodeDef(original);
  if (!codeDef && original.extensions?.code) return new GraphQLError(message, options);
  return (codeDef ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}

/** The gateway's `executeSelectionSet`: a representation of `source` for an entity fetch. */
function representation(schema: GraphQLSchema, source: any, selections: readonly QueryPlanSelectionNode[]): Json | null {
  if (source === null) return null;
  const result: Json = Object.create(null);
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const name = selection.alias ?? selection.name;
      if (!Object.prototype.hasOwnProperty.call(source, name) || source[name] === undefined) return null;
      const value = source[name];
      if (Array.isArray(value)) result[name] = value.map((v) => (selection.selections ? representation(schema, v, selection.selections) : v));
      else if (selection.selections) result[name] = representation(schema, value, selection.selections);
      else result[name] = value;
    } else if (selection.typeCondition && source && isObjectOfType(schema, source, selection.typeCondition)) {
      deepMerge(result, representation(schema, source, selection.selections));
    }
  }
  return result;
}

function isObjectOfType(schema: GraphQLSchema, obj: Json, typeCondition: string): boolean {
  const typename = obj.__typename;
  if (!typename) return false;
  if (typeCondition === typename) return true;
  const type = schema.getType(typename);
  const condition = schema.getType(typeCondition);
  if (!type || !condition || !isAbstractType(condition)) return false;
  return (isObjectType(type) || 'getInterfaces' in type) && schema.isSubType(condition, type as never);
}

export async function executeNode(state: ExecutionState, node: PlanNode, cursor: Cursor, supergraphSchema: GraphQLSchema, services: ServiceMap): Promise<void> {
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await executeNode(state, child, cursor, supergraphSchema, services);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => executeNode(state, child, cursor, supergraphSchema, services)));
      return;
    case 'Flatten': {
      const data = flattenAt(cursor.data, node.path, 0);
      if (!data) return;
      await executeNode(state, node.node, { path: cursor.path.concat(node.path), data, fullResult: cursor.fullResult }, supergraphSchema, services);
      return;
    }
    case 'Fetch':
      try {
        await executeFetch(state, node, cursor, supergraphSchema, services);
      } catch (error) {
        state.errors.push(error as GraphQLError);
      }
      return;
    case 'Condition': {
      const value = evaluateCondition(node, state.prepared.operation.variableDefinitions, state.rc.request.variables);
      const branch = value ? node.ifClause : node.elseClause;
      if (branch) await executeNode(state, branch, cursor, supergraphSchema, services);
      return;
    }
    default:
      throw new Error(`Unexpected plan node ${(node as PlanNode).kind}`);
  }
}

async function executeFetch(state: ExecutionState, fetch: FetchNode, cursor: Cursor, supergraphSchema: GraphQLSchema, services: ServiceMap): Promise<void> {
  const service: GraphQLDataSource | undefined = services[fetch.serviceName];
  if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const entities: any[] = Array.isArray(cursor.data) ? cursor.data.filter((e) => e !== null && e !== undefined) : [cursor.data];
  if (entities.length < 1) return;
  const variables: Json = Object.create(null);
  const provided = state.rc.request.variables;
  if (fetch.variableUsages && provided) {
    for (const name of fetch.variableUsages) {
      if (Object.prototype.hasOwnProperty.call(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
    }
  }

  const send = async (vars: Json): Promise<Json | null | undefined> => {
    const response = await service.process({
      kind: 'incoming operation' as never,
      request: { query: fetch.operation, variables: vars, operationName: fetch.operationName },
      incomingRequestContext: state.rc,
      context: state.rc.context,
      document: fetch.operationDocumentNode,
      pathInIncomingRequest: cursor.path,
    });
    if (response.errors) {
      let hydrated: (string | number)[][] | undefined;
      const errorPath = (path: ReadonlyArray<string | number> | undefined) => {
        if (fetch.requires && typeof path?.[1] === 'number') {
          if (!hydrated) generateHydratedPaths([], cursor.path, 0, cursor.fullResult, (hydrated = []));
          return [...(hydrated[path[1]] ?? []), ...path.slice(2)];
        }
        return path ? [...cursor.path, ...path] : undefined;
      };
      state.errors.push(...response.errors.map((error) => downstreamServiceError(error, fetch.serviceName, errorPath(error.path))));
      if (!response.extensions?.ftv1) {
        const metrics = state.rc.metrics as { nonFtv1ErrorPaths?: { subgraph: string; path: unknown }[] } | undefined;
        if (metrics) (metrics.nonFtv1ErrorPaths ??= []).push(...response.errors.map((error) => ({ subgraph: fetch.serviceName, path: error.path })));
      }
    }
    return response.data as Json | null | undefined;
  };

  if (!fetch.requires) {
    const data = await send(variables);
    for (const entity of entities) deepMerge(entity, data);
    return;
  }
  const representations: Json[] = [];
  const toEntity: number[] = [];
  for (let i = 0; i < entities.length; i++) {
    const r = representation(supergraphSchema, entities[i], fetch.requires);
    if (r && r.__typename) {
      representations.push(r);
      toEntity.push(i);
    }
  }
  if (representations.length < 1) return;
  if ('representations' in variables) throw new Error(`Variables cannot contain key "representations"`);
  const data = await send({ ...variables, representations });
  if (!data) return;
  const received = data._entities;
  if (!(received && Array.isArray(received))) throw new Error(`Expected "data._entities" in response to be an array`);
  if (received.length !== representations.length) throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
  for (let i = 0; i < received.length; i++) {
    const entity = received[i];
    const existing = entities[toEntity[i]];
    if (entity && !entity.__typename) entity.__typename = existing.__typename;
    deepMerge(existing, entity);
  }
}

/** Why `node` cannot run on the fast path, or nothing when it can. */
export function planFallback(node: PlanNode | undefined): FallbackReason | undefined {
  if (!node) return undefined;
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      for (const child of node.nodes) {
        const reason = planFallback(child);
        if (reason) return reason;
      }
      return undefined;
    case 'Flatten':
      return planFallback(node.node);
    case 'Condition':
      return planFallback(node.ifClause) ?? planFallback(node.elseClause);
    case 'Fetch':
      if (node.hasDefers) return 'defer';
      return node.inputRewrites?.length || node.outputRewrites?.length || node.contextRewrites?.length ? 'plan_rewrites' : undefined;
    default:
      // DeferNode: the plan of an operation with @defer.
      return 'defer';
  }
}
