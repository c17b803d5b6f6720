import { createLogger, isProduction } from '@supergraph/service-kit';
import { readRouterEnv } from './env';
import { readSupergraph, startRouter } from './server';

async function main() {
  const env = readRouterEnv();
  const logger = createLogger({ service: 'router' }, env.LOG_LEVEL);
  const router = await startRouter(
    {
      supergraphSdl: readSupergraph(env.SUPERGRAPH_PATH),
      subgraphUrls: env.subgraphUrls,
      identitySecret: env.IDENTITY_SECRET,
      jwtSecret: env.JWT_SECRET,
      apiKeyVerifyUrl: env.API_KEY_VERIFY_URL,
      production: isProduction(),
      corsOrigins: env.CORS_ORIGINS?.split(',').map((o) => o.trim()),
      limits: {
        maxDepth: env.MAX_DEPTH,
        maxAliases: env.MAX_ALIASES,
        maxCost: env.MAX_COST,
        maxTokens: env.MAX_TOKENS,
        maxFieldRepetitions: env.MAX_FIELD_REPETITIONS,
        maxDirectives: env.MAX_DIRECTIVES,
      },
      maxBodyBytes: env.MAX_BODY_BYTES,
      subgraphFetch: { dedup: env.SUBGRAPH_DEDUP, connections: env.SUBGRAPH_CONNECTIONS, maxShared: env.SUBGRAPH_DEDUP_MAX_SHARED },
      executor: env.ROUTER_EXECUTOR,
      subscriptionUpstreamRetryMs: env.SUBSCRIPTION_UPSTREAM_RETRY_MS,
      subscriptionLimits: { perConnection: env.SUBSCRIPTIONS_PER_CONNECTION, perInstance: env.SUBSCRIPTIONS_PER_INSTANCE },
      subscriptionsAllowAnonymous: env.SUBSCRIPTIONS_ALLOW_ANONYMOUS,
      presenceRefreshMs: env.PRESENCE_REFRESH_MS,
      logger,
    },
    { port: env.PORT, host: env.HOST },
  );
  logger.info('router listening', { url: `${router.url}/graphql` });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await router.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
