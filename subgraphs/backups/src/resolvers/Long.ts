import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode } from '@supergraph/errors';

const INTEGER = /^-?\d{1,20}$/;

const refuse = () => new GraphQLError('Long must be a whole number, as an Int or a decimal string', { extensions: { code: ErrorCode.BAD_USER_INPUT } });

/** Whole numbers of any size as decimal strings (a bigint column arrives from pg as one). Ranges are the fields' business. */
export const Long = new GraphQLScalarType<string, string>({
  name: 'Long',
  serialize(value) {
    if (typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value))) return value.toString();
    if (typeof value === 'string' && INTEGER.test(value)) return value;
    throw new GraphQLError('Long cannot represent this value');
  },
  parseValue(value) {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value === 'string' && INTEGER.test(value)) return BigInt(value).toString();
    throw refuse();
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.INT || (ast.kind === Kind.STRING && INTEGER.test(ast.value))) return BigInt(ast.value).toString();
    throw refuse();
  },
});
