import { GraphQLError } from 'graphql';

/**
 * Every error code this code base sends to clients (`extensions.code`), and the only place one is
 * defined: code refers to `ErrorCode.X`, never to a string of its own (a test scans the sources for
 * `code: '...'` literals that are not registered here). Apollo's own codes are reused where they fit
 * and are listed too, because Apollo Server and our transports send them; the rest are ours.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** Operation refused by the router's limits (depth, aliases, tokens, cost). */
  OPERATION_LIMIT_EXCEEDED: 'OPERATION_LIMIT_EXCEEDED',
  /** A subscription's subgraph stayed unreachable for longer than the router waits for it. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  /** The router instance is stopping; the client should subscribe again (another instance answers). */
  SHUTTING_DOWN: 'SHUTTING_DOWN',
  // Apollo Server's codes for requests the client got wrong (our transports send them too).
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  BAD_REQUEST: 'BAD_REQUEST',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What each code means to a client (also the documentation of the codes). */
export const errorCodeDescriptions: Record<ErrorCode, string> = {
  UNAUTHENTICATED: 'No valid credentials were sent, or they have expired.',
  FORBIDDEN: 'The caller is known but may not do this.',
  NOT_FOUND: 'The thing asked for does not exist, or the caller may not know that it does.',
  BAD_USER_INPUT: 'An argument is invalid; `extensions.field` names it.',
  CONFLICT: 'The request clashes with the current state (a duplicate, an illegal transition).',
  RATE_LIMITED: 'Too many requests; retry later.',
  INTERNAL_SERVER_ERROR: 'Something failed on our side; the details are in the logs, not in the response.',
  OPERATION_LIMIT_EXCEEDED: 'The operation is too deep, too wide, too long or too costly.',
  SUBGRAPH_UNAVAILABLE: 'The subgraph behind a subscription could not be reached in time; subscribe again later.',
  SHUTTING_DOWN: 'This router instance is stopping; subscribe again.',
  GRAPHQL_PARSE_FAILED: 'The operation is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: 'The operation does not match the schema.',
  BAD_REQUEST: 'The HTTP request is malformed (body, content type, missing query).',
  PERSISTED_QUERY_NOT_FOUND: 'The persisted query hash is unknown; send the query text with it.',
  PERSISTED_QUERY_NOT_SUPPORTED: 'Persisted queries are not accepted here.',
  OPERATION_RESOLUTION_FAILURE: 'The operation to run could not be determined (missing or unknown operationName).',
};

/** True for a registered code (a client may rely on it). */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(errorCodeDescriptions, code);
}

/**
 * WebSocket close codes we send that graphql-ws's `CloseCode` does not name (it names its own
 * 44xx/45xx codes, such as `CloseCode.Forbidden`, 4403, for refused credentials). These are the
 * standard ones of RFC 6455.
 */
export const WebSocketCloseCode = {
  /** The server is going away (shutting down); the client may reconnect to another instance. */
  GoingAway: 1001,
  /** The server failed (a dependency such as the API-key verification is down): as HTTP 500. */
  InternalError: 1011,
} as const;

type Extensions = Record<string, unknown>;

export function unauthenticated(message = 'Authentication required', extensions: Extensions = {}) {
  return new GraphQLError(message, { extensions: { ...extensions, code: ErrorCode.UNAUTHENTICATED } });
}

export function forbidden(message = 'Not allowed', extensions: Extensions = {}) {
  return new GraphQLError(message, { extensions: { ...extensions, code: ErrorCode.FORBIDDEN } });
}

export function notFound(message: string, extensions: Extensions = {}) {
  return new GraphQLError(message, { extensions: { ...extensions, code: ErrorCode.NOT_FOUND } });
}

/** Invalid input; `field` is the argument path a client can highlight, e.g. `input.email`. */
export function badUserInput(message: string, field: string, extensions: Extensions = {}) {
  return new GraphQLError(message, { extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT, field } });
}

export function conflict(message: string, extensions: Extensions = {}) {
  return new GraphQLError(message, { extensions: { ...extensions, code: ErrorCode.CONFLICT } });
}
