import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, isErrorCode } from '@supergraph/errors';
import type { Logger } from './logger';

/**
 * `formatError` for every server: errors we raise on purpose keep their message and code; anything
 * else is a bug or an outage, logged in full and shown to the client only as INTERNAL_SERVER_ERROR.
 */
export function maskErrors(logger: Logger, { exposeStack = false } = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (isErrorCode(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      if (exposeStack) return formatted;
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
    logger.error('unexpected error', { error: original, path: formatted.path });
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(exposeStack ? { detail: String(original) } : {}) },
    };
  };
}
