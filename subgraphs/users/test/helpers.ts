import { connectMessaging, type Messaging, type RunningSubgraph } from '@supergraph/service-kit';
import { testDatabaseUrl, testLogger, runTestSubgraph } from '@supergraph/testkit';
import { subgraph } from '../src/server';

/**
 * The users subgraph alone, on a fresh database. `env`: its settings, as its process would read
 * them; `seed`: with the embedded default's demo accounts.
 */
export async function startUsers(env: Record<string, string> = {}, { seed = false, database = 'users' } = {}): Promise<{ users: RunningSubgraph; messaging: Messaging; url: string }> {
  const messaging = await connectMessaging({ logger: testLogger });
  const users = await runTestSubgraph(subgraph, { env, databaseUrl: await testDatabaseUrl(database), seed, messaging });
  return { users, messaging, url: `${users.url}/graphql` };
}
