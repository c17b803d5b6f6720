export * from './gql/graphql';
export { createApolloClient, type ApolloClientOptions, type SupergraphClient } from './apollo';
export { describeError } from './errors';
export { logout } from './logout';
export { formatMoney } from './money';
export { useSession } from './react';
export { fetchRefresh, RefreshRefused, type Refresh } from './refresh';
export { createSession, type Session, type SessionOptions, type SessionState } from './session';
export { memoryStorage, type SessionStorage } from './storage';
