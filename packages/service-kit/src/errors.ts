import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, errorCodeDescriptions } from '@supergraph/errors';
import type { Logger } from './logger';
import { withoutSuggestions } from './production';

/** Apollo's own codes for requests the client got wrong: safe to show as they are. */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * `formatError` for every server: errors we raise on purpose keep their message and code; anything
 * else is a bug or an outage, logged in full and shown to the client only as INTERNAL_SERVER_ERROR.
 */
export function maskErrors(logger: Logger, { exposeStack = false, hideSuggestions = false } = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && (code in errorCodeDescriptions || CLIENT_ERROR_CODES.has(code)) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
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
