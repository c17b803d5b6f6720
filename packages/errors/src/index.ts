import { GraphQLError } from 'graphql';

/**
 * The error codes clients may rely on (`extensions.code`). Apollo's own codes are reused
 * where they fit; the rest are ours. Keep in step with docs/api-conventions.md.
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
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

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
};

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

export function operationLimitExceeded(message: string, extensions: Extensions = {}) {
  return new GraphQLError(message, { extensions: { ...extensions, code: ErrorCode.OPERATION_LIMIT_EXCEEDED } });
}

/** True for errors we raise on purpose; anything else is a bug and gets masked. */
export function isExpectedError(error: unknown): error is GraphQLError {
  const code = (error as GraphQLError | undefined)?.extensions?.code;
  return typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR && code in errorCodeDescriptions;
}
