import '../privacy'; // first, before @apollo/gateway loads: Apollo's data collection off unless opted in
import { buildOperationContext, executeQueryPlan, type GraphQLDataSource } from '@apollo/gateway';
import { operationFromDocument } from '@apollo/federation-internals';
import type { FetchNode, PlanNode, QueryPlan } from '@apollo/query-planner';
import { GraphQLError, type DocumentNode, type ExecutionResult } from 'graphql';
import type { RouterContext } from '../context';
import type { SupergraphRuntime } from '../runtime';

/**
 * The name under which an event stands in for the primary fetch when the rest of a subscription
 * plan runs. No subgraph can be called this: the federation spec reserves the double underscore.
 */
const EVENT_SERVICE = '__subscription_event__';

export interface SubscriptionPlan {
  /** The subscription to open on the subgraph that owns the field. */
  primary: FetchNode;
  /** What other subgraphs must add to every event (entity fields), or nothing. */
  rest?: PlanNode;
  document: DocumentNode;
  operationName?: string;
  /** A plan whose primary fetch is answered by the event and whose rest is the planner's. */
  perEvent: QueryPlan;
}

/**
 * Plans subscriptions with the federation query planner (a primary fetch plus the rest) and
 * resolves each event by executing the rest with `@apollo/gateway`'s own `executeQueryPlan`.
 */
export class SubscriptionPlanner {
  private readonly cache = new Map<string, SubscriptionPlan>();

  constructor(
    private readonly runtime: SupergraphRuntime,
    private readonly maxCachedPlans = 1000,
  ) {}

  plan(document: DocumentNode, source: string, operationName?: string): SubscriptionPlan {
    const key = `${operationName ?? ''}\n${source}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const operation = operationFromDocument(this.runtime.apiSchema, document, { operationName });
    const queryPlan = this.runtime.planner.buildQueryPlan(operation);
    const node = queryPlan.node;
    if (!node || node.kind !== 'Subscription') throw new GraphQLError('Only subscription operations are planned here');
    const primary: FetchNode = node.primary;
    const plan = { primary, rest: node.rest, document, operationName } as SubscriptionPlan;
    const eventFetch: FetchNode = { ...primary, serviceName: EVENT_SERVICE };
    // Even without a rest, executing the plan shapes the subgraph's answer to the client's selection.
    plan.perEvent = { kind: 'QueryPlan', node: node.rest ? { kind: 'Sequence', nodes: [eventFetch, node.rest] } : eventFetch };
    if (this.cache.size >= this.maxCachedPlans) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, plan);
    return plan;
  }

  /**
   * Turns one event of the primary subscription into the client's result: the rest of the plan
   * fetches the other subgraphs' fields (batched per event, as for a query), then the response is
   * shaped to the client's selection.
   */
  async resolveEvent(plan: SubscriptionPlan, event: ExecutionResult, { context, variables }: { context: RouterContext; variables: Record<string, unknown> }): Promise<ExecutionResult> {
    if (!event.data) return event;
    // eslint-disable-next-line no-restricted-syntax -- the event's errors are GraphQLErrors; the data source contract wants their wire form, which the executor only reads
    const eventSource: GraphQLDataSource = { process: async () => ({ data: event.data, errors: event.errors as never }) };
    const { supergraphSchema, apiSchema, serviceMap } = this.runtime;
    const operationContext = buildOperationContext({ schema: supergraphSchema, operationDocument: plan.document, operationName: plan.operationName });
    const result = await executeQueryPlan(
      plan.perEvent,
      { ...serviceMap, [EVENT_SERVICE]: eventSource },
      // eslint-disable-next-line no-restricted-syntax -- executeQueryPlan reads only these fields of Apollo's request context
      { request: { variables }, context, logger: undefined, metrics: {} } as never,
      operationContext,
      supergraphSchema,
      apiSchema,
    );
    return result as ExecutionResult;
  }
}
