import { runSubgraphMain } from '@supergraph/service-kit';
import { createUsersSubgraph } from './server';

const ttl = Number(process.env.ACCESS_TOKEN_TTL_SECONDS ?? 900);
runSubgraphMain(createUsersSubgraph({ accessTokenTtlSeconds: ttl }), { defaultPort: 4001 }).catch((error) => {
  console.error(error);
  process.exit(1);
});
