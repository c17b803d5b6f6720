import { runSubgraphMain } from '@supergraph/service-kit';
import { readUsersEnv } from './env';
import { createUsersSubgraph } from './server';

async function main() {
  const env = readUsersEnv();
  await runSubgraphMain(createUsersSubgraph({ accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS }), { defaultPort: 4001 });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
