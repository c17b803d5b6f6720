import './privacy'; // first, before @apollo/gateway loads: Apollo's data collection off unless opted in
import { GraphQLError } from 'graphql';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { signViewerHeaders } from '@supergraph/auth';
import type { RouterContext } from './context';
import { identityKey } from './identity';
import { SubgraphFetcher, type SubgraphHttpResponse } from './fetcher';
import { ErrorCode } from '@supergraph/errors';

type ProcessResult = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** Signed identity headers are reused for the fetches of one request, re-signed after this long. */
const SIGNATURE_REUSE_MS = 10_000;
const MUTATION = /^\s*mutation\b/;
/** `GraphQLDataSourceRequestKind.INCOMING_OPERATION` (the enum is a type-only export). */
const INCOMING_OPERATION = 'incoming operation';

/**
 * Forwards who is calling to a subgraph, in headers signed with the secret that router and
 * subgraphs share, so that a request that bypasses the router cannot claim an identity.
 * Also forwards the trace context. Nothing else of the client's request is passed on.
 *
 * Requests go through a {@link SubgraphFetcher} (undici keep-alive pools instead of the default
 * make-fetch-happen), and identical query fetches in flight at the same time are sent once when
 * they come from the same identity: the deduplication key is the URL, the request body, the
 * viewer's identity and every other forwarded header except `traceparent`. Mutations are never
 * deduplicated.
 */
export class AuthenticatedDataSource extends RemoteGraphQLDataSource<RouterContext> {
  private readonly signed = new WeakMap<object, { at: number; headers: Record<string, string> }>();
  private readonly target: URL;

  constructor(
    config: { url: string; name: string },
    private readonly identitySecret: string,
    private readonly fetcher_: SubgraphFetcher = new SubgraphFetcher(),
  ) {
    super({ url: config.url });
    this.target = new URL(config.url);
  }

  private identityHeaders(context: RouterContext): Record<string, string> {
    const now = Date.now();
    const cached = this.signed.get(context);
    if (cached && now - cached.at < SIGNATURE_REUSE_MS) return cached.headers;
    const headers = signViewerHeaders(context.viewer!, this.identitySecret, now);
    this.signed.set(context, { at: now, headers });
    return headers;
  }

  override async process(options: GraphQLDataSourceProcessOptions<RouterContext>): Promise<ProcessResult> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const context = options.context as RouterContext | undefined;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // Headers the gateway itself asks for (the federated-tracing header, for example).
    let extraKey = '';
    if (request.http?.headers) {
      for (const [name, value] of request.http.headers) {
        headers[name.toLowerCase()] = value;
        extraKey += `${name.toLowerCase()}:${value}\n`;
      }
    }
    if (context?.viewer) Object.assign(headers, this.identityHeaders(context));
    if (context?.traceparent) headers.traceparent = context.traceparent;

    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName, extensions: request.extensions });
    const incoming = (options.kind as string) === INCOMING_OPERATION;
    const dedupable = incoming && !MUTATION.test(request.query);
    const key = dedupable ? `${this.url}\n${identityKey(context?.viewer)}\n${extraKey}${body}` : undefined;

    const response = await this.fetcher_.post(this.target, headers, body, key);
    if ('incomingRequestContext' in options) restrictCachePolicy(options.incomingRequestContext, response);
    if (response.status < 200 || response.status >= 300) throw errorFromResponse(this.url, response);
    // Parsed once per upstream response; callers that shared it each get their own copy (the
    // executor merges into what it receives), which costs about a quarter of parsing again.
    const parsed = response.parsed === undefined ? (response.parsed = parseBody(response)) : response.parsed;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error(`Expected JSON response body, but received: ${response.body.slice(0, 200)}`);
    }
    return (response.sharedBy > 1 ? copyJson(parsed) : parsed) as ProcessResult;
  }
}

/** A deep copy of parsed JSON (own keys only; `__proto__` kept as a plain key, as JSON.parse does). */
export function copyJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copyJson(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = copyJson((value as Record<string, unknown>)[key]);
    if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out;
}

function parseBody(response: SubgraphHttpResponse): unknown {
  const type = response.contentType;
  if (type.startsWith('application/json') || type.startsWith('application/graphql-response+json')) return JSON.parse(response.body);
  return response.body;
}

function errorFromResponse(url: string, response: SubgraphHttpResponse): GraphQLError {
  let body: unknown = response.body;
  try {
    body = parseBody(response);
  } catch {
    // keep the text
  }
  const extensions: Record<string, unknown> = { response: { url, status: response.status, body } };
  if (response.status === 401) extensions.code = ErrorCode.UNAUTHENTICATED;
  else if (response.status === 403) extensions.code = ErrorCode.FORBIDDEN;
  return new GraphQLError(`${response.status}: ${statusText(response.status)}`, { extensions });
}

function statusText(status: number): string {
  return (
    (
      { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' } as Record<
        number,
        string
      >
    )[status] ?? ''
  );
}

/** As the stock data source does: a subgraph's `Cache-Control` restricts the response's cache policy. */
function restrictCachePolicy(requestContext: { overallCachePolicy?: unknown } | undefined, response: SubgraphHttpResponse) {
  const policy = requestContext?.overallCachePolicy as { restrict?: (hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }) => void } | undefined;
  if (!policy?.restrict) return;
  const hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } = { maxAge: 0 };
  for (const part of (response.cacheControl ?? '').split(',')) {
    const [name, value] = part.trim().toLowerCase().split('=');
    if (name === 'max-age' && value && /^[0-9]+$/.test(value)) hint.maxAge = Number(value);
    else if (name === 'private') hint.scope = 'PRIVATE';
    else if (name === 'public') hint.scope = 'PUBLIC';
  }
  policy.restrict(hint);
}
