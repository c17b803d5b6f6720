import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { signViewerHeaders } from '@supergraph/auth';
import type { RouterContext } from './context';

/**
 * Forwards who is calling to a subgraph, in headers signed with the secret that router and
 * subgraphs share, so that a request that bypasses the router cannot claim an identity.
 * Also forwards the trace context. Nothing else of the client's request is passed on.
 */
export class AuthenticatedDataSource extends RemoteGraphQLDataSource<RouterContext> {
  constructor(config: { url: string; name: string }, private readonly identitySecret: string) {
    super({ url: config.url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>) {
    const headers = request.http?.headers;
    if (!headers) return;
    if (context?.viewer) {
      for (const [name, value] of Object.entries(signViewerHeaders(context.viewer, this.identitySecret))) headers.set(name, value);
    }
    if (context?.traceparent) headers.set('traceparent', context.traceparent);
  }
}
