import { runSubgraph, type Messaging, type RunningSubgraph } from '@supergraph/service-kit';
import { testDatabaseUrl, testLogger, testMessaging, TEST_IDENTITY_SECRET, TEST_JWT_SECRET } from '@supergraph/testkit';
import { productsSubgraph } from '../src/server';

export async function startProducts({ seed = false } = {}): Promise<{ products: RunningSubgraph; messaging: Messaging; url: string }> {
  const messaging = await testMessaging('products');
  const products = await runSubgraph(productsSubgraph, {
    databaseUrl: await testDatabaseUrl('products'),
    messaging,
    identitySecret: TEST_IDENTITY_SECRET,
    jwtSecret: TEST_JWT_SECRET,
    logger: testLogger,
    seed,
    relayPollIntervalMs: 50,
  });
  return { products, messaging, url: `${products.url}/graphql` };
}

export const ADMIN_ID = '00000000-0000-4000-8000-0000000000a1';
export const CUSTOMER_ID = '00000000-0000-4000-8000-0000000000c1';
