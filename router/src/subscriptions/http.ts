import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { ErrorCode } from '@supergraph/errors';
import { PayloadTooLargeError, readBody, sendJson, type Logger, type Route } from '@supergraph/service-kit';
import type { RouterContext } from '../context';
import type { OperationRequest, SubscriptionAdmission } from './admission';
import type { SubscriptionHub } from './hub';

export type HttpSubscriptionProtocol = 'sse' | 'multipart';

/**
 * The streaming protocol a request's `Accept` asks for, if any (the first one listed wins):
 * `text/event-stream` is graphql-sse, `multipart/mixed;subscriptionSpec=1.0` (quoted or not) is
 * Apollo's multipart protocol. Anything else, `multipart/mixed;deferSpec=…` included, is not ours.
 */
export function httpSubscriptionProtocol(accept: string | undefined): HttpSubscriptionProtocol | undefined {
  if (!accept) return undefined;
  for (const range of accept.split(',')) {
    const [type, ...params] = range.split(';').map((s) => s.trim().toLowerCase());
    if (type === 'text/event-stream') return 'sse';
    if (type === 'multipart/mixed' && params.some((p) => /^subscriptionspec\s*=\s*"?1\.0"?$/.test(p))) return 'multipart';
  }
  return undefined;
}

/** How one protocol writes a stream: what opens it, each result, a heartbeat, a transport error, the end. */
interface Framing {
  headers: Record<string, string>;
  open: string;
  result(result: ExecutionResult): string;
  heartbeat: string;
  transportError(errors: GraphQLError[]): string;
  close: string;
}

/** graphql-sse, "distinct connections mode": one operation per response; a comment keeps the line busy. */
const sse: Framing = {
  headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  // Some browsers wait for a first byte before they report the stream open.
  open: ':\n\n',
  result: (result) => `event: next\ndata: ${JSON.stringify(result)}\n\n`,
  heartbeat: ':\n\n',
  transportError: (errors) => `event: next\ndata: ${JSON.stringify({ errors })}\n\n`,
  close: 'event: complete\ndata:\n\n',
};

/**
 * Apollo's multipart subscription protocol. Each part is written with the delimiter that ends it
 * (`\r\n--graphql`), so a client parses it at once rather than when the next part arrives; the
 * stream starts with a delimiter and an empty part, and ends with `--` after the last delimiter.
 */
const part = (json: string) => `\r\ncontent-type: application/json\r\n\r\n${json}\r\n--graphql`;
const multipart: Framing = {
  headers: { 'content-type': 'multipart/mixed; boundary="graphql"; subscriptionSpec="1.0"', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' },
  open: `\r\n--graphql${part('{}')}`,
  result: (result) => part(JSON.stringify({ payload: result })),
  heartbeat: part('{}'),
  transportError: (errors) => part(JSON.stringify({ payload: null, errors })),
  close: '--\r\n',
};

const framings: Record<HttpSubscriptionProtocol, Framing> = { sse, multipart };

/** A GraphQLError as JSON, without the `http` extension that only steers the status code. */
function errorJson(error: GraphQLError) {
  const { http: _http, ...extensions } = error.extensions ?? {};
  return { ...error.toJSON(), extensions };
}

function sendErrors(res: ServerResponse, status: number, errors: GraphQLError[], headers: Record<string, string> = {}) {
  sendJson(res, status, { errors: errors.map(errorJson) }, headers);
}

const badRequest = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.BAD_REQUEST } });

/** The content types a cross-site form or `fetch` may send without a CORS preflight. */
const NON_PREFLIGHTED_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];

/**
 * Apollo Server's `csrfPrevention` rule, for the requests it never sees: a request passes when it
 * has a `content-type` other than the three a simple request may carry, or a non-empty
 * `x-apollo-operation-name` / `apollo-require-preflight` header. Either forces a browser to
 * preflight a cross-site request, which CORS then refuses for an origin not allowed.
 */
function preflighted(req: IncomingMessage): boolean {
  const contentType = req.headers['content-type'];
  if (contentType !== undefined) {
    const essence = contentType.split(';')[0].trim().toLowerCase();
    // An unparsable content type passes, as in Apollo Server (a browser cannot send one without a preflight).
    if (!/^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+$/.test(essence) || !NON_PREFLIGHTED_CONTENT_TYPES.includes(essence)) return true;
  }
  return PREFLIGHT_HEADERS.some((name) => {
    const value = req.headers[name];
    return typeof value === 'string' && value.length > 0;
  });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{query, variables, operationName}` from a POST's JSON body or a GET's query string. */
async function readOperation(req: IncomingMessage, maxBodyBytes: number): Promise<OperationRequest | { status: number; error: GraphQLError }> {
  let raw: Record<string, unknown>;
  if (req.method === 'POST') {
    const type = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return { status: 415, error: badRequest('POST bodies must be sent as content-type: application/json') };
    try {
      const parsed: unknown = JSON.parse(await readBody(req, maxBodyBytes));
      if (!isObject(parsed)) return { status: 400, error: badRequest('The body must be a JSON object') };
      raw = parsed;
    } catch (error) {
      if (error instanceof PayloadTooLargeError) return { status: 413, error: badRequest(error.message) };
      return { status: 400, error: badRequest('Request body is not valid JSON') };
    }
  } else {
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    raw = { query: params.get('query') ?? undefined, operationName: params.get('operationName') ?? undefined };
    const variables = params.get('variables');
    if (variables) {
      try {
        raw.variables = JSON.parse(variables);
      } catch {
        return { status: 400, error: badRequest('The variables parameter is not valid JSON') };
      }
    }
  }
  const { query, variables, operationName } = raw;
  if (typeof query !== 'string' || !query) return { status: 400, error: badRequest('A query string is required (persisted queries are not served over streams)') };
  if (variables !== undefined && variables !== null && !isObject(variables)) return { status: 400, error: badRequest('variables must be a JSON object') };
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return { status: 400, error: badRequest('operationName must be a string') };
  return { query, variables, operationName };
}

/** One response streaming one hub subscription. */
interface LiveStream {
  /** Ends the stream with a transport error (the router is going away), then the response, within `graceMs`. */
  shutdown(graceMs: number): Promise<void>;
}

/**
 * GraphQL subscriptions over plain HTTP on the router's `/graphql`, for clients without
 * WebSocket: Server-Sent Events (the graphql-sse protocol, distinct connections mode) and Apollo's
 * multipart protocol, chosen by `Accept`. Each request carries one operation and its credentials
 * (`Authorization: Bearer …` or `x-api-key`); a subscription goes to the same hub, admission and
 * limits as graphql-ws, so sharing, token expiry and the per-instance limit apply alike.
 *
 * - Refused before any stream, as a JSON GraphQL error: a request failing the CSRF rule (400), a
 *   method other than GET/POST (405), a bad body (400/413/415), missing or bad credentials (401
 *   UNAUTHENTICATED), a mutation over GET (405).
 * - Inside the stream, then its end: what the admission refuses (parse, validation, limits,
 *   RATE_LIMITED), as a GraphQL result `{errors}`.
 * - Queries and mutations run through Apollo Server: one `next` event then `complete` over SSE; a
 *   plain `application/json` response for multipart (the client's `Accept` lists it).
 * - When the client goes away, the hub stream is returned, so the upstream subscription ends.
 */
export function createHttpSubscriptions(options: {
  hub: SubscriptionHub;
  admission: SubscriptionAdmission;
  apollo: ApolloServer<RouterContext>;
  context: (req: IncomingMessage) => Promise<RouterContext>;
  /** Accept requests without credentials, as graphql-ws does under the same flag (off by default). */
  allowAnonymous?: boolean;
  maxBodyBytes: number;
  /** How often an idle stream gets a heartbeat (an empty part, or an SSE comment). */
  heartbeatMs?: number;
  logger: Logger;
}) {
  const { hub, admission, logger, heartbeatMs = 5_000 } = options;
  const live = new Set<LiveStream>();
  let closing = false;

  /** Writes one complete stream: the results given, then the end. */
  function respondOnce(res: ServerResponse, framing: Framing, result: ExecutionResult) {
    res.writeHead(200, framing.headers);
    res.end(framing.open + framing.result(result) + framing.close);
  }

  async function stream(res: ServerResponse, framing: Framing, source: AsyncIterableIterator<ExecutionResult>) {
    let stopping = false;
    let gone = false;
    let wake: (() => void) | undefined;
    const onClose = () => {
      gone = true;
      wake?.();
      // The hub ends the upstream subscription when its last client returns.
      void source.return?.();
    };
    res.once('close', onClose);
    // The client may have left while it was being authenticated or subscribed: no `close` to come.
    if (res.destroyed || !res.socket || res.socket.destroyed) onClose();
    const entry: LiveStream = {
      shutdown: async (graceMs) => {
        if (gone) return;
        stopping = true;
        res.write(framing.transportError([new GraphQLError('The router is shutting down; subscribe again', { extensions: { code: ErrorCode.SHUTTING_DOWN } })]));
        const closed = new Promise<void>((resolve) => (res.closed ? resolve() : res.once('close', () => resolve())));
        void source.return?.();
        const timer = setTimeout(() => res.destroy(), graceMs);
        await closed;
        clearTimeout(timer);
      },
    };
    live.add(entry);
    res.writeHead(200, framing.headers);
    res.write(framing.open);
    // A slow reader is not written more heartbeats; the hub's bounded queue holds its events meanwhile.
    const heartbeat = setInterval(() => {
      if (!res.writableNeedDrain) res.write(framing.heartbeat);
    }, heartbeatMs);
    try {
      for (;;) {
        const next = await source.next();
        if (next.done || gone || stopping) break;
        if (!res.write(framing.result(next.value))) {
          // Until the client has read it, or has gone (`close` wakes this too).
          await new Promise<void>((resolve) => {
            wake = resolve;
            res.once('drain', resolve);
          });
          res.off('drain', wake!);
          wake = undefined;
        }
      }
    } catch (error) {
      logger.error('HTTP subscription stream failed', { error });
      if (!gone) res.write(framing.transportError([new GraphQLError('Internal server error', { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } })]));
      void source.return?.();
    } finally {
      clearInterval(heartbeat);
      live.delete(entry);
      res.off('close', onClose);
    }
    if (!gone) res.end(framing.close);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, protocol: HttpSubscriptionProtocol) {
    const framing = framings[protocol];
    if (closing) return sendErrors(res, 503, [new GraphQLError('The router is shutting down', { extensions: { code: ErrorCode.SHUTTING_DOWN } })]);
    if (req.method !== 'GET' && req.method !== 'POST') return sendErrors(res, 405, [badRequest('Use GET or POST')], { allow: 'GET, POST' });
    if (!preflighted(req)) {
      return sendErrors(res, 400, [
        badRequest(
          "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type' header (with a type that is not one of " +
            `${NON_PREFLIGHTED_CONTENT_TYPES.join(', ')}) or provide a non-empty value for one of the following headers: ${PREFLIGHT_HEADERS.join(', ')}`,
        ),
      ]);
    }
    let router: RouterContext;
    try {
      router = await options.context(req);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      const status = (error.extensions.http as { status?: number } | undefined)?.status ?? 401;
      return sendErrors(res, status, [error]);
    }
    if (!router.viewer && !options.allowAnonymous) {
      return sendErrors(res, 401, [
        new GraphQLError('Subscriptions need credentials: Authorization: Bearer <token> or x-api-key', { extensions: { code: ErrorCode.UNAUTHENTICATED, reason: 'missing' } }),
      ]);
    }
    const request = await readOperation(req, options.maxBodyBytes);
    if ('error' in request) return sendErrors(res, request.status, [request.error]);

    const { admitted, errors } = admission.admit(request);
    if (errors) return respondOnce(res, framing, { errors });
    const { operation, document, source, operationName, variables } = admitted;
    if (operation.operation === 'mutation' && req.method === 'GET') {
      return sendErrors(res, 405, [badRequest('Mutations need POST')], { allow: 'POST' });
    }

    if (operation.operation !== 'subscription') {
      const response = await options.apollo.executeOperation({ query: source, variables, operationName }, { contextValue: router });
      const result: ExecutionResult = response.body.kind === 'single' ? (response.body.singleResult as ExecutionResult) : { errors: [new GraphQLError('Incremental delivery is not supported here')] };
      if (protocol === 'sse') return respondOnce(res, framing, result);
      return sendJson(res, response.http.status ?? 200, result);
    }

    let hubStream: AsyncIterableIterator<ExecutionResult>;
    try {
      hubStream = hub.subscribe({ document, source, operationName, variables, context: router });
    } catch (error) {
      logger.error('subscription could not be planned', { error });
      return respondOnce(res, framing, { errors: [new GraphQLError('Internal server error', { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } })] });
    }
    await stream(res, framing, admission.track(hubStream));
  }

  return {
    /** Streams a request whose `Accept` asks for SSE or multipart; hands any other to `fallback`. */
    route(fallback: Route): Route {
      return (req, res) => {
        const protocol = httpSubscriptionProtocol(req.headers.accept);
        return protocol ? handle(req, res, protocol) : fallback(req, res);
      };
    },
    /** HTTP streams open now. */
    get streamsOpen() {
      return live.size;
    },
    /**
     * Refuses new streams and ends the open ones with a transport error (`SHUTTING_DOWN`) and the
     * protocol's end; a response not closed within `graceMs` is destroyed.
     */
    async close(graceMs = 1_000) {
      closing = true;
      await Promise.all([...live].map((s) => s.shutdown(graceMs)));
    },
  };
}
