export { createClient, type CallOptions, type ClientOptions, type SupergraphClient } from './client.js';
export { ERROR_CODES, isSupergraphError, SupergraphError, type SupergraphErrorCode } from './errors.js';
export type { TokenRefresher } from './auth.js';
export type { RetryOptions } from './retry.js';
export type { FetchLike } from './transport/http.js';
export type { Subscription } from './transport/iterator.js';
export type { SubscriptionTransport } from './transport/subscriptions.js';
export { mutations, queries, subscriptions } from './operations.js';
export * from './__generated__/operations.js';
