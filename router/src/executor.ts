/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return, no-restricted-syntax --
   This executor walks response data of any shape (JSON from subgraphs, keyed by the client's
   aliases) and calls @apollo/gateway's and @apollo/query-planner's internals, which are typed
   loosely or not at all: `any` is the honest type of that data. */
import { ApolloGateway, buildOperationContext, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import { ERRORS, errorCodeDef, operationFromDocument, Supergraph, type Operation } from '@apollo/federation-internals';
import { evaluateCondition, QueryPlanner, type FetchNode, type PlanNode, type QueryPlan, type QueryPlanSelectionNode } from '@apollo/query-planner';
import {
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DirectiveNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * A faster executor for `@apollo/gateway`, offered to Apollo Server through the gateway interface
 * (a wrapper around `ApolloGateway`: same schema, same planner, same data sources).
 *
 * What the stock executor does on every request, and this one once per operation:
 * - builds the federation `Operation` from the document (`operationFromDocument`) — now only when
 *   the operation is planned, and kept with the plan;
 * - shapes the merged subgraph data into the response by walking that `Operation`'s selections
 *   through several layers of getters — now a selection tree compiled from the GraphQL AST once,
 *   walked with plain property reads.
 * Plan execution follows `executeQueryPlan` step by step (fetch, flatten, sequence, parallel,
 * condition; representations, merging, subgraph errors and their paths).
 *
 * Anything unusual takes the stock path: mutations, subscriptions, introspection fields, plans
 * with `@defer` or data rewrites, usage-reporting traces, the query-plan debug header. A response
 * whose data needs value completion (a null in a non-null field, an invalid leaf or `__typename`)
 * is shaped by the gateway's own `computeResponse`, so errors are reported exactly as before.
 */

type Json = Record<string, any>;
type LoadResult = Awaited<ReturnType<ApolloGateway['load']>>;
type Executor = LoadResult['executor'];
type RequestContext = Parameters<Executor>[0];
type ExecutionResult = Awaited<ReturnType<Executor>>;

export interface FastExecutorOptions {
  supergraphSdl: string;
  serviceMap: ServiceMap;
  /** Operations whose plan and compiled shape are kept (least recently used are dropped). */
  planCacheSize?: number;
}

// ---------------------------------------------------------------------------------------------
// The compiled shape of an operation's selections

const enum Leaf {
  Custom,
  Boolean,
  Int,
  Float,
  String,
  Id,
  Enum,
}

interface Condition {
  skip: boolean; // true: @skip, false: @include
  variable?: string;
  value?: boolean;
}

interface FieldShape {
  kind: 0;
  responseName: string;
  isTypename: boolean;
  type: GraphQLOutputType;
  /** For leaves: how values are checked; for composites: the compiled sub-selection. */
  leaf?: Leaf;
  enumValues?: Set<string>;
  sub?: SelectionShape[];
  conditions?: Condition[];
}

interface FragmentShape {
  kind: 1;
  typeCondition?: string;
  sub: SelectionShape[];
  conditions?: Condition[];
}

type SelectionShape = FieldShape | FragmentShape;

class NotFastPath extends Error {}
/** Data that needs value completion: shaped by the gateway's own `computeResponse` instead. */
class NeedsCompletion extends Error {}

function conditionsOf(directives: readonly DirectiveNode[] | undefined): Condition[] | undefined {
  if (!directives?.length) return undefined;
  const out: Condition[] = [];
  for (const d of directives) {
    const name = d.name.value;
    if (name === 'defer' || name === 'stream') throw new NotFastPath(`@${name}`);
    if (name !== 'skip' && name !== 'include') continue;
    const arg = d.arguments?.find((a) => a.name.value === 'if');
    const value = arg?.value;
    if (!value) continue;
    if (value.kind === Kind.BOOLEAN) out.push({ skip: name === 'skip', value: value.value });
    else if (value.kind === Kind.VARIABLE) out.push({ skip: name === 'skip', variable: value.name.value });
    else throw new NotFastPath('unusual @skip/@include');
  }
  return out.length ? out : undefined;
}

function leafKind(type: GraphQLOutputType): { leaf: Leaf; enumValues?: Set<string> } {
  const named = getNamedType(type);
  if (isEnumType(named)) return { leaf: Leaf.Enum, enumValues: new Set(named.getValues().map((v) => v.name)) };
  switch (named.name) {
    case 'Boolean':
      return { leaf: Leaf.Boolean };
    case 'Int':
      return { leaf: Leaf.Int };
    case 'ID':
      return { leaf: Leaf.Id };
    case 'Float':
      return { leaf: Leaf.Float };
    case 'String':
      return { leaf: Leaf.String };
    default:
      return { leaf: Leaf.Custom };
  }
}

function compileSelectionSet(schema: GraphQLSchema, parent: GraphQLCompositeType, selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>): SelectionShape[] {
  const out: SelectionShape[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const fieldName = selection.name.value;
      const responseName = selection.alias?.value ?? fieldName;
      const conditions = conditionsOf(selection.directives);
      if (fieldName === '__typename') {
        out.push({ kind: 0, responseName, isTypename: true, type: parent as GraphQLOutputType, conditions });
        continue;
      }
      if (fieldName.startsWith('__')) throw new NotFastPath('introspection');
      if (!('getFields' in parent)) throw new NotFastPath('field on a union');
      const definition = parent.getFields()[fieldName];
      if (!definition) throw new NotFastPath(`unknown field ${fieldName}`);
      const named = getNamedType(definition.type);
      const field: FieldShape = { kind: 0, responseName, isTypename: false, type: definition.type, conditions };
      if (isCompositeType(named)) {
        if (!selection.selectionSet) throw new NotFastPath('composite without selections');
        field.sub = compileSelectionSet(schema, named, selection.selectionSet, fragments);
      } else {
        Object.assign(field, leafKind(definition.type));
      }
      out.push(field);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const typeCondition = selection.typeCondition?.name.value;
      const type = typeCondition ? schema.getType(typeCondition) : parent;
      if (!type || !isCompositeType(type)) throw new NotFastPath('bad type condition');
      out.push({ kind: 1, typeCondition, sub: compileSelectionSet(schema, type, selection.selectionSet, fragments), conditions: conditionsOf(selection.directives) });
    } else {
      const fragment = fragments[selection.name.value];
      if (!fragment) throw new NotFastPath('unknown fragment');
      const typeCondition = fragment.typeCondition.name.value;
      const type = schema.getType(typeCondition);
      if (!type || !isCompositeType(type)) throw new NotFastPath('bad type condition');
      out.push({ kind: 1, typeCondition, sub: compileSelectionSet(schema, type, fragment.selectionSet, fragments), conditions: conditionsOf(selection.directives) });
    }
  }
  return out;
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;

/** Shapes merged subgraph data into the client's response (the happy path of `computeResponse`). */
class Shaper {
  private readonly applies = new Map<string, boolean>();
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly variables: Record<string, unknown>,
  ) {}

  private skipped(conditions: Condition[] | undefined): boolean {
    if (!conditions) return false;
    for (const c of conditions) {
      const value = c.variable !== undefined ? this.variables[c.variable] : c.value;
      if (typeof value !== 'boolean') throw new NeedsCompletion('condition');
      if (c.skip ? value : !value) return true;
    }
    return false;
  }

  /** `typeCondition` applies to an object whose type is `typeName` (the `isSubtype` of the gateway). */
  private typeConditionApplies(typeCondition: string, typeName: string): boolean {
    if (typeCondition === typeName) return true;
    const key = `${typeCondition}\n${typeName}`;
    let applies = this.applies.get(key);
    if (applies === undefined) {
      const condition = this.schema.getType(typeCondition);
      const type = this.schema.getType(typeName);
      applies = !!condition && !!type && isAbstractType(condition) && (isObjectType(type) || 'getInterfaces' in type) && this.schema.isSubType(condition, type as never);
      this.applies.set(key, applies);
    }
    return applies;
  }

  applySelections(input: Json, selections: SelectionShape[], output: Json, parentType: string): void {
    for (const selection of selections) {
      if (selection.conditions && this.skipped(selection.conditions)) continue;
      if (selection.kind === 1) {
        const typename = input.__typename;
        if (typename !== undefined && typeof typename !== 'string') throw new NeedsCompletion('__typename');
        if (selection.typeCondition === undefined || this.typeConditionApplies(selection.typeCondition, typename ?? parentType)) {
          this.applySelections(input, selection.sub, output, selection.typeCondition ?? parentType);
        }
        continue;
      }
      const name = selection.responseName;
      const outputValue = output[name];
      if (selection.isTypename) {
        if (outputValue === undefined) {
          let value = Object.prototype.hasOwnProperty.call(input, name) ? (input[name] ?? null) : null;
          if (value === null && name !== '__typename') value = input.__typename ?? null;
          const type = typeof value === 'string' ? (this.schema.getType(value) ?? this.schema.getType(parentType)) : this.schema.getType(parentType);
          if (!type || !isObjectType(type)) throw new NeedsCompletion('abstract __typename');
          output[name] = type.name;
        }
        continue;
      }
      const inputValue = Object.prototype.hasOwnProperty.call(input, name) ? (input[name] ?? null) : null;
      output[name] = this.value(outputValue, selection.type, inputValue, selection);
    }
  }

  private value(outputValue: any, type: GraphQLOutputType, inputValue: any, field: FieldShape): any {
    if (outputValue === null || (outputValue !== undefined && !field.sub)) return outputValue;
    if (isNonNullType(type)) {
      const updated = this.value(outputValue, type.ofType, inputValue, field);
      if (updated === null) throw new NeedsCompletion('null in non-null');
      return updated;
    }
    if (inputValue === null) return null;
    if (isListType(type)) {
      if (!Array.isArray(inputValue)) throw new NeedsCompletion('list');
      const n = inputValue.length;
      const out: any[] = outputValue === undefined ? new Array(n) : outputValue;
      if (out.length !== n) throw new NeedsCompletion('list length');
      const of = type.ofType;
      for (let i = 0; i < n; i++) out[i] = this.value(out[i], of, inputValue[i], field);
      return out;
    }
    if (field.sub) {
      if (typeof inputValue !== 'object') throw new NeedsCompletion('object');
      const typename = inputValue.__typename;
      let parentType = (getNullableType(type) as GraphQLCompositeType).name;
      if (typename !== undefined) {
        if (typeof typename !== 'string') throw new NeedsCompletion('__typename');
        if (typename) {
          const t = this.schema.getType(typename);
          if (!t || !isCompositeType(t)) throw new NeedsCompletion('__typename');
          parentType = typename;
        }
      }
      const out = outputValue === undefined ? Object.create(null) : outputValue;
      this.applySelections(inputValue, field.sub, out, parentType);
      return out;
    }
    if (outputValue !== undefined) throw new NeedsCompletion('leaf twice');
    if (!validLeaf(inputValue, field)) throw new NeedsCompletion('leaf');
    return inputValue;
  }
}

function validLeaf(value: unknown, field: FieldShape): boolean {
  const leaf = field.leaf!;
  if (leaf === Leaf.Custom) return true;
  switch (typeof value) {
    case 'boolean':
      return leaf === Leaf.Boolean;
    case 'number':
      if (!Number.isFinite(value)) return false;
      if (leaf === Leaf.Int || leaf === Leaf.Id) return INTEGER.test(String(value));
      return leaf === Leaf.Float;
    case 'string':
      if (leaf === Leaf.Enum) return field.enumValues!.has(value);
      return leaf !== Leaf.Boolean && leaf !== Leaf.Int && leaf !== Leaf.Float;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Plan execution (as `executeQueryPlan`)

interface Prepared {
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

interface ExecutionState {
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

async function executeNode(state: ExecutionState, node: PlanNode, cursor: Cursor, supergraphSchema: GraphQLSchema, services: ServiceMap): Promise<void> {
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

function planIsFast(node: PlanNode | undefined): boolean {
  if (!node) return true;
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      return node.nodes.every(planIsFast);
    case 'Flatten':
      return planIsFast(node.node);
    case 'Condition':
      return planIsFast(node.ifClause) && planIsFast(node.elseClause);
    case 'Fetch':
      return !node.inputRewrites?.length && !node.outputRewrites?.length && !node.contextRewrites?.length && !node.hasDefers;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------

export interface FastGateway {
  load: ApolloGateway['load'];
  onSchemaLoadOrUpdate: ApolloGateway['onSchemaLoadOrUpdate'];
  stop: ApolloGateway['stop'];
  /** Requests served by the fast path and by the stock executor. */
  readonly stats: { fast: number; stock: number; completion: number };
}

/** Wraps `gateway` so Apollo Server runs queries through the fast executor. */
export function fastGateway(gateway: ApolloGateway, options: FastExecutorOptions): FastGateway {
  const supergraph = Supergraph.build(options.supergraphSdl);
  const apiSchema = supergraph.apiSchema();
  const supergraphSchema = supergraph.schema.toGraphQLJSSchema();
  const planner = new QueryPlanner(supergraph);
  const cacheSize = options.planCacheSize ?? 1000;
  /** Prepared operations by query hash and operation name; `null`: take the stock path. */
  const cache = new Map<string, Prepared | null>();
  const stats = { fast: 0, stock: 0, completion: 0 };
  let computeResponse: ((args: any) => { data: any; errors: GraphQLError[] }) | undefined;

  const prepare = (rc: RequestContext, schema: GraphQLSchema): Prepared | null => {
    try {
      const { operation: definition, fragments } = buildOperationContext({ schema, operationDocument: rc.document, operationName: rc.request.operationName });
      if (definition.operation !== 'query') return null;
      const rootType = schema.getQueryType();
      if (!rootType) return null;
      const shape = compileSelectionSet(schema, rootType, definition.selectionSet, fragments);
      const operation = operationFromDocument(apiSchema, rc.document, { operationName: rc.request.operationName });
      const plan = planner.buildQueryPlan(operation);
      if (plan.node?.kind === 'Subscription' || !planIsFast(plan.node)) return null;
      const defaults = { ...operation.collectDefaultedVariableValues() };
      return { plan, operation, rootType: rootType.name, shape, defaults, hasVariables: !!definition.variableDefinitions?.length };
    } catch {
      return null; // the stock executor reports whatever is wrong, exactly as before
    }
  };

  const wrap = (stock: Executor, schema: GraphQLSchema): Executor => {
    return async (rc) => {
      if (!rc.document || rc.metrics?.captureTraces || rc.request.http?.headers.get('apollo-query-plan-experimental')) {
        stats.stock++;
        return stock(rc);
      }
      const key = `${rc.queryHash}\n${rc.request.operationName ?? ''}`;
      let prepared = cache.get(key);
      if (prepared === undefined) {
        prepared = prepare(rc, schema);
        if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
        cache.set(key, prepared);
      } else {
        // least recently used first out
        cache.delete(key);
        cache.set(key, prepared);
      }
      if (!prepared) {
        stats.stock++;
        return stock(rc);
      }
      stats.fast++;
      return execute(prepared, rc, schema);
    };
  };

  const execute = async (prepared: Prepared, rc: RequestContext, schema: GraphQLSchema): Promise<ExecutionResult> => {
    if (prepared.hasVariables) {
      const definition = buildOperationContext({ schema, operationDocument: rc.document, operationName: rc.request.operationName }).operation;
      const { errors } = getVariableValues(schema, definition.variableDefinitions ?? [], rc.request.variables ?? {});
      if (errors?.length) return { errors };
    }
    const state: ExecutionState = { rc, prepared, errors: [] };
    const unfiltered: Json = Object.create(null);
    if (prepared.plan.node) await executeNode(state, prepared.plan.node as PlanNode, { path: [], data: unfiltered, fullResult: unfiltered }, supergraphSchema, options.serviceMap);
    const variables = prepared.hasVariables ? { ...prepared.defaults, ...rc.request.variables } : prepared.defaults;
    let data: Json;
    try {
      data = Object.create(null);
      new Shaper(schema, variables).applySelections(unfiltered, prepared.shape, data, prepared.rootType);
    } catch (error) {
      if (!(error instanceof NeedsCompletion)) throw error;
      // Value completion as the gateway does it, errors and all.
      stats.completion++;
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when value completion is needed: an internal module of @apollo/gateway, not in its exports
      computeResponse ??= require('@apollo/gateway/dist/resultShaping').computeResponse;
      const completed = computeResponse!({ operation: prepared.operation, variables: rc.request.variables, input: unfiltered, introspectionHandling: () => null });
      if (state.errors.length === 0 && completed.errors.length > 0) return { extensions: { valueCompletion: completed.errors }, data: completed.data };
      data = completed.data;
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
