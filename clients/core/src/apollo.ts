import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import type { Session } from './session';

export interface ApolloClientOptions {
  /** The router's `/graphql` over HTTP(S). */
  httpUrl: string;
  /** The same path over ws(s): graphql-ws subscriptions. */
  wsUrl: string;
  session: Session;
  /** Where the platform has no global WebSocket (Node before 22). */
  webSocketImpl?: unknown;
  fetch?: typeof fetch;
}

/**
 * Queries and mutations over HTTP with `Authorization: Bearer` from the session; subscriptions
 * over graphql-ws, which authenticates once per connection: when the token changes (refresh,
 * sign in or out) the socket is reconnected and its subscriptions resume with the new one, before
 * the router would end them for an expired token.
 */
export function createApolloClient({ httpUrl, wsUrl, session, webSocketImpl, fetch }: ApolloClientOptions) {
  const bearer = async () => {
    const token = await session.accessToken();
    return token ? `Bearer ${token}` : undefined;
  };
  const auth = new SetContextLink(async (context) => {
    const authorization = await bearer();
    return authorization ? { headers: { ...(context.headers as Record<string, string> | undefined), authorization } } : {};
  });
  // A token refused although it was refreshed in time was revoked (a logout elsewhere, a stolen refresh token): sign out.
  const signOutWhenRefused = new ErrorLink(({ error, operation }) => {
    const sentToken = Boolean((operation.getContext().headers as Record<string, string> | undefined)?.authorization);
    if (sentToken && CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) void session.signOut();
  });
  const ws = createClient({
    url: wsUrl,
    webSocketImpl,
    lazy: true,
    retryAttempts: 10,
    // The first reconnect is immediate (a token change, or one dropped connection); then back off with jitter.
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retries === 0 ? 0 : Math.min(30_000, 1000 * 2 ** retries) * (0.5 + Math.random() / 2))),
    connectionParams: async () => {
      const authorization = await bearer();
      return authorization ? { authorization } : {};
    },
  });
  let token = session.current()?.accessToken;
  const unsubscribe = session.subscribe(() => {
    if (session.current()?.accessToken === token) return;
    token = session.current()?.accessToken;
    ws.terminate();
  });

  const link = ApolloLink.split(
    ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
    new GraphQLWsLink(ws),
    ApolloLink.from([auth, signOutWhenRefused, new HttpLink({ uri: httpUrl, fetch })]),
  );
  const client = new ApolloClient({
    link,
    cache: new InMemoryCache({
      typePolicies: {
        // The cart has no id: there is one per viewer.
        Cart: { keyFields: [] },
        CartItem: { keyFields: false },
        // Pages fetched with `after` extend the list they follow ("Load more").
        User: { fields: { orders: relayStylePagination(['status']) } },
        Query: { fields: { products: relayStylePagination(['filter', 'sort']), rooms: relayStylePagination(), notifications: relayStylePagination(['unreadOnly']) } },
        // Newest first: `after` pages to older messages; live ones are put first (messaging.ts).
        Room: { fields: { messages: relayStylePagination() } },
        // One presence per user, so `presenceChanged` updates every place that shows it.
        Presence: { keyFields: ['user', ['id']] },
      },
    }),
  });
  return Object.assign(client, {
    /** Closes the socket and stops following the session. */
    close() {
      unsubscribe();
      void ws.dispose();
      client.stop();
    },
  });
}

export type SupergraphClient = ReturnType<typeof createApolloClient>;
