import type { ApolloClient } from '@apollo/client';
import { LogoutDocument } from './gql/graphql';
import type { Session } from './session';

/** Revokes the refresh token on the server (best effort: offline still signs out here), forgets the session and the cached data. */
export async function logout(client: ApolloClient, session: Session) {
  const refreshToken = session.current()?.refreshToken;
  if (refreshToken) await client.mutate({ mutation: LogoutDocument, variables: { refreshToken } }).catch(() => undefined);
  await session.signOut();
  await client.clearStore();
}
