import type { GraphQLFormattedError } from 'graphql';

/**
 * Every `extensions.code` the API answers with (docs/api-conventions.md), Apollo Server's codes for
 * malformed requests, and the SDK's own: `NETWORK_ERROR` (no usable answer reached us) and
 * `UNKNOWN` (a code this version of the SDK does not know; the raw one is in `extensions.code`).
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'RATE_LIMITED',
  'OPERATION_LIMIT_EXCEEDED',
  'SUBGRAPH_UNAVAILABLE',
  'SHUTTING_DOWN',
  'INTERNAL_SERVER_ERROR',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'NETWORK_ERROR',
  'UNKNOWN',
] as const;

export type SupergraphErrorCode = (typeof ERROR_CODES)[number];

const isKnownCode = (code: unknown): code is SupergraphErrorCode => typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);

export interface SupergraphErrorDetails {
  /** Every GraphQL error of the response, as the API sent them. */
  errors?: readonly GraphQLFormattedError[];
  /** The HTTP status, when the error came with an HTTP response. */
  status?: number;
  cause?: unknown;
}

/**
 * What every SDK call throws (and every subscription iterator rejects with): the first error's
 * `extensions.code` as a typed `code`, the offending argument of a `BAD_USER_INPUT` as `field`,
 * and all of the response's errors in `errors`.
 */
export class SupergraphError extends Error {
  override readonly name = 'SupergraphError';
  readonly code: SupergraphErrorCode;
  readonly field: string | undefined;
  readonly status: number | undefined;
  readonly errors: readonly GraphQLFormattedError[];
  /** The first error's extensions (e.g. `status` of a CONFLICT, `reason: "expired"` of UNAUTHENTICATED). */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(code: SupergraphErrorCode, message: string, { errors = [], status, cause }: SupergraphErrorDetails = {}) {
    super(message, { cause });
    this.code = code;
    this.errors = errors;
    this.status = status;
    this.extensions = errors[0]?.extensions ?? {};
    this.field = typeof this.extensions.field === 'string' ? this.extensions.field : undefined;
  }

  /** The error of a GraphQL response's `errors`, coded by the first one. */
  static fromGraphQLErrors(errors: readonly GraphQLFormattedError[], status?: number): SupergraphError {
    const code = errors[0]?.extensions?.code;
    return new SupergraphError(isKnownCode(code) ? code : 'UNKNOWN', errors[0]?.message ?? 'Unknown error', { errors, status });
  }

  /** Worth sending the same query again: the network failed, the server failed (5xx) or asked us to slow down. */
  get retryable(): boolean {
    return this.code === 'NETWORK_ERROR' || this.code === 'RATE_LIMITED' || (this.status ?? 0) >= 500;
  }
}

/** Narrows `error` to a SupergraphError, of one of `codes` when given. */
export function isSupergraphError<C extends SupergraphErrorCode>(error: unknown, ...codes: C[]): error is SupergraphError & { code: C } {
  return error instanceof SupergraphError && (codes.length === 0 || (codes as SupergraphErrorCode[]).includes(error.code));
}

/** A response that carried no GraphQL errors and no data: coded by its HTTP status. */
export function errorFromStatus(status: number, message: string): SupergraphError {
  const code: SupergraphErrorCode = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 429 ? 'RATE_LIMITED' : status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
  return new SupergraphError(code, message, { status });
}

export function networkError(cause: unknown): SupergraphError {
  return new SupergraphError('NETWORK_ERROR', `The API could not be reached: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
}
