import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GraphQLError } from 'graphql';

/**
 * The one place that decides what `NODE_ENV=production` means, for the router, every subgraph and
 * the embedded entry point alike. Read from the process environment, as Apollo Server itself does,
 * so that an entry point cannot disagree with the libraries it runs.
 */
export function isProduction(source: Record<string, string | undefined> = process.env): boolean {
  return source.NODE_ENV === 'production';
}

/** What Apollo Sandbox opens with: an example operation document and the request headers it explains. */
export interface SandboxInitialState {
  document: string;
  headers?: Record<string, string>;
}

/**
 * The Apollo Server options that differ in production. In production: no introspection, no landing
 * page at all (not even Apollo's production page: `GET /graphql` with `Accept: text/html` is then
 * answered like any GET without a query, 400 JSON), no "Did you mean ...?" in validation errors
 * (they would hand out the field names introspection hides), no stack traces, and no inline ftv1
 * traces from subgraphs (`apollo-federation-include-trace` is honoured only outside production).
 * Outside production: introspection and Apollo Sandbox, embedded, for whoever opens `/graphql`,
 * opening with `sandbox` when given (the router's example operations). The page loads Sandbox from
 * Apollo's CDN in the browser that opens it; Sandbox's own usage telemetry is off.
 */
export function apolloProductionOptions<TContext extends BaseContext>(
  production: boolean,
  sandbox?: SandboxInitialState,
): Pick<ApolloServerOptions<TContext>, 'introspection' | 'hideSchemaDetailsFromClientErrors' | 'includeStacktraceInErrorResponses'> & {
  plugins: ApolloServerPlugin<TContext>[];
} {
  return {
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: !production,
    plugins: production
      ? [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()]
      : [ApolloServerPluginLandingPageLocalDefault({ embed: { runTelemetry: false }, ...sandbox })],
  };
}

/**
 * graphql-js appends `Did you mean "x"?` to validation and input-coercion messages. Apollo's
 * `hideSchemaDetailsFromClientErrors` strips them from HTTP validation errors only; transports that
 * validate on their own (subscriptions) use this.
 */
export function withoutSuggestions<T extends GraphQLError | { message: string }>(error: T): T {
  error.message = error.message.replace(/ ?Did you mean(.+?)\?$/, '');
  return error;
}
