import { CombinedGraphQLErrors } from '@apollo/client/errors';

/** What the API said went wrong, for people: the first error's message, and its code and field for code. */
export function describeError(error: unknown): { message: string; code?: string; field?: string } {
  if (CombinedGraphQLErrors.is(error) && error.errors.length > 0) {
    const [first] = error.errors;
    const { code, field } = (first.extensions ?? {}) as { code?: string; field?: string };
    return { message: first.message, code, field };
  }
  return { message: error instanceof Error ? error.message : 'Something went wrong' };
}
