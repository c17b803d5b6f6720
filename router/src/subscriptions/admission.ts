import { GraphQLError, getOperationAST, Kind, parse, validate, type DocumentNode, type ExecutionResult, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { ErrorCode } from '@supergraph/errors';
import { withoutSuggestions } from '@supergraph/service-kit';
import { documentLimitError, measureOperation, type OperationLimits } from '../limits';

export interface SubscriptionLimits {
  /** Per graphql-ws socket (an HTTP stream carries exactly one). */
  perConnection: number;
  /** Across every transport of this router instance. */
  perInstance: number;
}

/** An operation as a client sends it, over any transport. */
export interface OperationRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface AdmittedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  source: string;
  operationName?: string;
  variables: Record<string, unknown>;
}

export type Admission = { admitted: AdmittedOperation; errors?: undefined } | { admitted?: undefined; errors: GraphQLError[] };

const refuse = (message: string, code: string, extensions: Record<string, unknown> = {}): Admission => ({
  errors: [new GraphQLError(message, { extensions: { code, ...extensions } })],
});

/**
 * What every streaming transport (graphql-ws, SSE, multipart HTTP) checks before an operation
 * reaches the hub, and the one count of open subscriptions the per-instance limit applies to.
 * Parsing (with `maxTokens`), validation against the API schema and the depth/alias/cost limits
 * are those Apollo Server applies to HTTP queries, so no transport is a way around them.
 */
export class SubscriptionAdmission {
  private open = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly operationLimits: OperationLimits & { maxTokens: number },
    private readonly perInstance: number,
    /** Production: no "Did you mean ...?" in validation errors, as over HTTP. */
    private readonly hideSuggestions = false,
  ) {}

  /** Subscriptions clients hold on this instance, over every transport. */
  get subscriptionsOpen() {
    return this.open;
  }

  /** Parses, validates and measures; a subscription is also refused when the instance is full. */
  admit(request: OperationRequest): Admission {
    let document: DocumentNode;
    try {
      document = parse(request.query, { maxTokens: this.operationLimits.maxTokens });
    } catch (error) {
      return refuse((error as Error).message, ErrorCode.GRAPHQL_PARSE_FAILED);
    }
    const tooMuch = documentLimitError(document, this.operationLimits);
    if (tooMuch) {
      const { http: _status, ...extensions } = tooMuch.extensions; // HTTP status: for Apollo's responses only
      return { errors: [new GraphQLError(tooMuch.message, { extensions })] };
    }
    const errors = validate(this.schema, document);
    if (errors.length) {
      return {
        errors: errors.map((e) => {
          const error = new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } });
          return this.hideSuggestions ? withoutSuggestions(error) : error;
        }),
      };
    }
    const operation = getOperationAST(document, request.operationName);
    if (!operation) return refuse('Could not determine which operation to run', ErrorCode.BAD_REQUEST);
    const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
    const variables = request.variables ?? {};
    const measure = measureOperation(operation, fragments, variables);
    const { maxDepth, maxAliases, maxCost } = this.operationLimits;
    if (measure.depth > maxDepth || measure.aliases > maxAliases || measure.cost > maxCost) {
      return refuse('Operation exceeds the router limits', ErrorCode.OPERATION_LIMIT_EXCEEDED, { ...measure, maxDepth, maxAliases, maxCost });
    }
    if (operation.operation === 'subscription' && this.open >= this.perInstance) {
      return refuse('This router holds as many subscriptions as it may; retry on another instance', ErrorCode.RATE_LIMITED, { limit: 'subscriptionsPerInstance' });
    }
    return { admitted: { document, operation, source: request.query, operationName: request.operationName ?? undefined, variables } };
  }

  /**
   * Counts a hub stream until it ends, whether the client left (`return`) or the server ended it;
   * `onEnd` runs once then. A stream the hub ended (token expiry) is returned too: a hub stream
   * that ends by itself stays among its subscription's listeners, holding the upstream, until
   * returned, and `for await` (graphql-ws) does not return a stream that finished.
   * (Not an async generator: its `return()` would wait behind a pending `next()`.)
   */
  track(stream: AsyncIterableIterator<ExecutionResult>, onEnd?: () => void): AsyncIterableIterator<ExecutionResult> {
    this.open++;
    let open = true;
    const finish = () => {
      if (!open) return;
      open = false;
      this.open--;
      onEnd?.();
    };
    return {
      next: async () => {
        const result = await stream.next();
        if (result.done && open) {
          finish();
          await stream.return?.();
        }
        return result;
      },
      return: async () => {
        finish();
        return stream.return!();
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}
