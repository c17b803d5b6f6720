import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode } from '@supergraph/errors';

/** ISO 8601 instants (docs/api-conventions.md). Accepts Date or string from resolvers; parses strings from clients. */
export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return date.toISOString();
  },
  parseValue(value) {
    const date = typeof value === 'string' ? new Date(value) : new Date(NaN);
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO 8601 string', { extensions: { code: ErrorCode.BAD_USER_INPUT } });
    return date;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || Number.isNaN(new Date(ast.value).getTime())) {
      throw new GraphQLError('DateTime must be an ISO 8601 string', { extensions: { code: ErrorCode.BAD_USER_INPUT } });
    }
    return new Date(ast.value);
  },
});
