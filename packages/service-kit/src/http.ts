import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { ErrorCode } from '@supergraph/errors';

export class PayloadTooLargeError extends Error {}

/** Reads a request body, refusing more than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new PayloadTooLargeError(`Request body exceeds ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface ServiceMetrics {
  registry: Registry;
  requests: Counter<'operation' | 'status'>;
  duration: Histogram<'operation'>;
}

/** A Prometheus registry with Node's default metrics and the GraphQL request metrics. */
export function createMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL HTTP requests by operation type and outcome',
    labelNames: ['operation', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL HTTP request duration',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return { registry, requests, duration };
}

export interface GraphQLHandlerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: (req: IncomingMessage) => Promise<TContext>;
  maxBodyBytes?: number;
  metrics?: ServiceMetrics;
  /**
   * Looks at each operation's text before Apollo Server parses and validates it, for limits whose
   * point is to spare that work; an error it returns is the answer (its `extensions.http.status`,
   * else 400). Apollo's own hooks cannot answer before validation: an error thrown there becomes a 500.
   */
  guard?: (query: string) => GraphQLError | undefined;
}

function guardError(guard: NonNullable<GraphQLHandlerOptions<BaseContext>['guard']>, body: unknown, search: string): GraphQLError | undefined {
  const requests = Array.isArray(body) ? body : [body ?? { query: new URLSearchParams(search).get('query') }];
  for (const request of requests) {
    const query = (request as { query?: unknown } | null)?.query;
    const error = typeof query === 'string' ? guard(query) : undefined;
    if (error) return error;
  }
  return undefined;
}

/** Serves an ApolloServer on plain `node:http` (no framework on the hot path). */
export function graphqlHandler<TContext extends BaseContext>({ apollo, context, maxBodyBytes = 1_000_000, metrics, guard }: GraphQLHandlerOptions<TContext>): Route {
  return async (req, res) => {
    const stop = metrics?.duration.startTimer({ operation: req.method === 'GET' ? 'get' : 'post' });
    let body: unknown;
    try {
      const text = req.method === 'POST' ? await readBody(req, maxBodyBytes) : '';
      body = text ? JSON.parse(text) : undefined;
    } catch (error) {
      const tooLarge = error instanceof PayloadTooLargeError;
      metrics?.requests.inc({ operation: 'invalid', status: tooLarge ? '413' : '400' });
      stop?.();
      // The rest of a too-large body is left unread: close the connection rather than let the client reuse it mid-body.
      return sendJson(
        res,
        tooLarge ? 413 : 400,
        { errors: [{ message: tooLarge ? error.message : 'Request body is not valid JSON', extensions: { code: ErrorCode.BAD_REQUEST } }] },
        tooLarge ? { connection: 'close' } : {},
      );
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refused = guard && guardError(guard, body, url.search);
    if (refused) {
      const { http, ...extensions } = refused.extensions as { http?: { status?: number } };
      const status = http?.status ?? 400;
      metrics?.requests.inc({ operation: 'invalid', status: String(status) });
      stop?.();
      return sendJson(res, status, { errors: [{ message: refused.message, extensions }] });
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method?.toUpperCase() ?? 'GET', headers, search: url.search, body },
      context: () => context(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
    metrics?.requests.inc({ operation: req.method === 'GET' ? 'get' : 'post', status: String(res.statusCode) });
    stop?.();
  };
}

export interface HttpServiceOptions {
  routes: Record<string, Route>;
  /** Answers `/ready`: false while dependencies (database, Redis) are unavailable. */
  ready?: () => Promise<boolean> | boolean;
  metrics?: ServiceMetrics;
  /** Runs before routing (CORS, for example); returns true when it has answered. */
  before?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** `/health`, `/ready`, `/metrics` and the given routes; anything else is 404. */
export function createHttpService({ routes, ready, metrics, before }: HttpServiceOptions): Server {
  return createServer((req, res) => {
    if (before?.(req, res)) return;
    const path = (req.url ?? '/').split('?')[0];
    const handle = async () => {
      if (path === '/health') return sendJson(res, 200, { status: 'ok' });
      if (path === '/ready') {
        const ok = ready ? await ready() : true;
        return sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready' });
      }
      if (path === '/metrics' && metrics) {
        const text = await metrics.registry.metrics();
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        return res.end(text);
      }
      const route = routes[path];
      if (route) return route(req, res);
      sendJson(res, 404, { error: 'not found' });
    };
    handle().catch((error: Error) => {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
      else res.destroy(error);
    });
  });
}

export async function listen(server: Server, port: number, host = '127.0.0.1'): Promise<{ port: number; url: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return { port: address.port, url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}` };
}

/** Stops accepting connections and closes idle ones; in-flight requests finish within `graceMs`. */
export async function closeServer(server: Server, graceMs = 5000): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearTimeout(timer);
}
