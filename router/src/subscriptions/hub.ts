import { GraphQLError, type DocumentNode, type ExecutionResult } from 'graphql';
import { ErrorCode } from '@supergraph/errors';
import { BoundedQueue, type Logger } from '@supergraph/service-kit';
import type { RouterContext } from '../context';
import type { SubscriptionPlanner, SubscriptionPlan } from './plan';
import { dedupeKey, type UpstreamConnections } from './upstream';

export interface SubscribeRequest {
  document: DocumentNode;
  source: string;
  operationName?: string;
  variables: Record<string, unknown>;
  context: RouterContext;
}

/** A client's queue. Bounded: a client that falls this far behind loses its oldest events, not the router's memory. */
const CLIENT_QUEUE_LIMIT = 100;

interface Shared {
  plan: SubscriptionPlan;
  listeners: Set<BoundedQueue<ExecutionResult>>;
  /** The latest resolved event, replayed to a client that joins later (it starts from the current state). */
  last?: ExecutionResult;
  stop: () => void;
  /** Events are resolved one after another so that every client sees them in order. */
  tail: Promise<void>;
}

/**
 * Federated subscriptions: the primary subscription runs on the owning subgraph; each event is
 * resolved once (the rest of the plan) and the result fanned out to every client that shares the
 * same operation, variables and identity.
 */
export class SubscriptionHub {
  private readonly shared = new Map<string, Shared>();

  constructor(
    private readonly planner: SubscriptionPlanner,
    private readonly upstream: UpstreamConnections,
    private readonly logger: Logger,
  ) {}

  /** Distinct upstream subscriptions held (shared ones count once). */
  get size() {
    return this.shared.size;
  }

  subscribe(request: SubscribeRequest): AsyncIterableIterator<ExecutionResult> {
    const plan = this.planner.plan(request.document, request.source, request.operationName);
    const key = dedupeKey(request.source, request.operationName, request.variables, request.context.viewer);
    let entry = this.shared.get(key);
    if (!entry) entry = this.open(key, plan, request);
    const shared = entry;
    let expiry: NodeJS.Timeout | undefined;
    const stream: BoundedQueue<ExecutionResult> = new BoundedQueue({
      limit: CLIENT_QUEUE_LIMIT,
      onReturn: () => {
        clearTimeout(expiry);
        shared.listeners.delete(stream);
        if (shared.listeners.size === 0 && this.shared.get(key) === shared) {
          this.shared.delete(key);
          shared.stop();
        }
      },
    });
    shared.listeners.add(stream);
    if (shared.last) stream.push(shared.last);
    if (request.context.expiresAt) {
      const ms = request.context.expiresAt - Date.now();
      const expire = () => stream.end({ errors: [new GraphQLError('Access token has expired', { extensions: { code: ErrorCode.UNAUTHENTICATED, reason: 'expired' } })] });
      // setTimeout holds at most ~24.8 days; tokens are minutes long.
      expiry = setTimeout(expire, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    }
    return stream;
  }

  private open(key: string, plan: SubscriptionPlan, request: SubscribeRequest): Shared {
    const upstreamVariables = Object.fromEntries((plan.primary.variableUsages ?? []).map((name) => [name, request.variables[name]]));
    const entry: Shared = { plan, listeners: new Set(), stop: () => {}, tail: Promise.resolve() };
    const broadcast = (result: ExecutionResult) => {
      entry.last = result;
      for (const listener of entry.listeners) listener.push(result);
    };
    const endAll = (last?: ExecutionResult) => {
      if (this.shared.get(key) === entry) this.shared.delete(key);
      for (const listener of entry.listeners) listener.end(last);
    };
    entry.stop = this.upstream.subscribe(
      { serviceName: plan.primary.serviceName, query: plan.primary.operation, variables: upstreamVariables, viewer: request.context.viewer },
      {
        next: (event) => {
          entry.tail = entry.tail.then(async () => {
            try {
              broadcast(await this.planner.resolveEvent(plan, event, { context: request.context, variables: request.variables }));
            } catch (error) {
              this.logger.error('subscription event could not be resolved', { error });
              broadcast({ data: null, errors: [new GraphQLError('Internal server error', { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } })] });
            }
          });
        },
        error: (error) => {
          void entry.tail.then(() => endAll({ errors: upstreamErrors(error) }));
        },
        complete: () => {
          void entry.tail.then(() => endAll());
        },
      },
    );
    this.shared.set(key, entry);
    return entry;
  }
}

/** What a subgraph refused (an array of GraphQL errors), or a connection failure. */
function upstreamErrors(error: unknown): GraphQLError[] {
  if (Array.isArray(error)) {
    return (error as { message?: string; extensions?: Record<string, unknown> }[]).map(
      (e) => new GraphQLError(e.message ?? 'Subscription failed', { extensions: e.extensions ?? { code: ErrorCode.INTERNAL_SERVER_ERROR } }),
    );
  }
  return [new GraphQLError('The subgraph serving this subscription is unavailable', { extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE } })];
}
