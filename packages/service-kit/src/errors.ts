import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, isErrorCode } from '@supergraph/errors';
import type { Logger } from './logger';
import { withoutSuggestions } from './production';

/**
 * `formatError` for every server: errors we raise on purpose keep their message and code; anything
 * else is a bug or an outage, logged in full and shown to the client only as INTERNAL_SERVER_ERROR.
 */
export function maskErrors(logger: Logger, { exposeStack = false, hideSuggestions = false } = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (isErrorCode(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      // Variable coercion ("Value "X" does not exist in "SortField" enum. Did you mean ...?") is
      // not a validation error, so Apollo's hideSchemaDetailsFromClientErrors leaves it: drop it here.
      const shown = hideSuggestions ? withoutSuggestions({ ...formatted }) : formatted;
      if (exposeStack) return shown;
      const { stacktrace: _stack, ...extensions } = shown.extensions ?? {};
      return { ...shown, extensions };
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
