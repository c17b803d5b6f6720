import { connectMessaging, runSubgraph, type Messaging, type RunningSubgraph } from '@supergraph/service-kit';
import { testDatabaseUrl, testLogger, TEST_IDENTITY_SECRET, TEST_JWT_SECRET } from '@supergraph/testkit';
import { subgraph } from '../src/server';

/** The users subgraph alone, on a fresh database; events are not used by these tests. `env`: its settings, as its process would read them. */
export async function startUsers(env: Record<string, string> = {}): Promise<{ users: RunningSubgraph; messaging: Messaging; url: string }> {
  const messaging = await connectMessaging({ logger: testLogger });
  const users = await runSubgraph(subgraph, {
    env,
    databaseUrl: await testDatabaseUrl('users'),
    messaging,
    identitySecret: TEST_IDENTITY_SECRET,
    jwtSecret: TEST_JWT_SECRET,
    logger: testLogger,
  });
  return { users, messaging, url: `${users.url}/graphql` };
}
