/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, no-restricted-syntax --
   The fast executor walks response data of any shape (JSON from subgraphs, keyed by the client's
   aliases) and calls @apollo/gateway's and @apollo/query-planner's internals, which are typed
   loosely or not at all: `any` is the honest type of that data. */
import {
  getNamedType,
  getNullableType,
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
 * The response shape of an operation, compiled once from the GraphQL AST, and the walk that
 * shapes merged subgraph data into the client's response with plain property reads (the happy
 * path of the gateway's `computeResponse`). Anything that needs value completion throws
 * {@link NeedsCompletion}; anything the compiler does not handle throws {@link NotFastPath}.
 */

export type Json = Record<string, any>;

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

export type SelectionShape = FieldShape | FragmentShape;

/** Why an operation takes the stock executor: the `reason` label of `router_executor_fallbacks_total`. */
export type FallbackReason =
  /** No parsed document, usage-reporting traces, or the query-plan debug header. */
  | 'request'
  /** A mutation or subscription. */
  | 'operation_type'
  | 'introspection'
  | 'defer'
  /** A plan with data rewrites (`@interfaceObject`, `@context`). */
  | 'plan_rewrites'
  /** Selections the compiler does not handle (fields on a union, unusual conditions). */
  | 'selection'
  /** An operation the planner refuses: the stock executor reports the error as it always has. */
  | 'invalid_operation'
  /** Subgraph data that needed value completion (shaped by the gateway's `computeResponse`). */
  | 'value_completion';

export class NotFastPath extends Error {
  constructor(
    readonly reason: FallbackReason,
    detail: string,
  ) {
    super(detail);
  }
}
/** Data that needs value completion: shaped by the gateway's own `computeResponse` instead. */
export class NeedsCompletion extends Error {}

function conditionsOf(directives: readonly DirectiveNode[] | undefined): Condition[] | undefined {
  if (!directives?.length) return undefined;
  const out: Condition[] = [];
  for (const d of directives) {
    const name = d.name.value;
    if (name === 'defer' || name === 'stream') throw new NotFastPath('defer', `@${name}`);
    if (name !== 'skip' && name !== 'include') continue;
    const arg = d.arguments?.find((a) => a.name.value === 'if');
    const value = arg?.value;
    if (!value) continue;
    if (value.kind === Kind.BOOLEAN) out.push({ skip: name === 'skip', value: value.value });
    else if (value.kind === Kind.VARIABLE) out.push({ skip: name === 'skip', variable: value.name.value });
    else throw new NotFastPath('selection', 'unusual @skip/@include');
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

export function compileSelectionSet(schema: GraphQLSchema, parent: GraphQLCompositeType, selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>): SelectionShape[] {
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
      if (fieldName.startsWith('__')) throw new NotFastPath('introspection', 'introspection');
      if (!('getFields' in parent)) throw new NotFastPath('selection', 'field on a union');
      const definition = parent.getFields()[fieldName];
      if (!definition) throw new NotFastPath('selection', `unknown field ${fieldName}`);
      const named = getNamedType(definition.type);
      const field: FieldShape = { kind: 0, responseName, isTypename: false, type: definition.type, conditions };
      if (isCompositeType(named)) {
        if (!selection.selectionSet) throw new NotFastPath('selection', 'composite without selections');
        field.sub = compileSelectionSet(schema, named, selection.selectionSet, fragments);
      } else {
        Object.assign(field, leafKind(definition.type));
      }
      out.push(field);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const typeCondition = selection.typeCondition?.name.value;
      const type = typeCondition ? schema.getType(typeCondition) : parent;
      if (!type || !isCompositeType(type)) throw new NotFastPath('selection', 'bad type condition');
      out.push({ kind: 1, typeCondition, sub: compileSelectionSet(schema, type, selection.selectionSet, fragments), conditions: conditionsOf(selection.directives) });
    } else {
      const fragment = fragments[selection.name.value];
      if (!fragment) throw new NotFastPath('selection', 'unknown fragment');
      const typeCondition = fragment.typeCondition.name.value;
      const type = schema.getType(typeCondition);
      if (!type || !isCompositeType(type)) throw new NotFastPath('selection', 'bad type condition');
      out.push({ kind: 1, typeCondition, sub: compileSelectionSet(schema, type, fragment.selectionSet, fragments), conditions: conditionsOf(selection.directives) });
    }
  }
  return out;
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;

/** Shapes merged subgraph data into the client's response (the happy path of `computeResponse`). */
export class Shaper {
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
