import { type Messaging, type RunningSubgraph } from '@supergraph/service-kit';
import { graphql, testDatabaseUrl, testMessaging, viewerHeaders, runTestSubgraph } from '@supergraph/testkit';
import { subgraph as productsSubgraph } from '../src/server';

export interface TestProducts {
  products: RunningSubgraph;
  messaging: Messaging;
  /** The GraphQL endpoint. */
  url: string;
  /** Runs a statement on the subgraph's own database (to check what a test cannot see through the API). */
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The products subgraph on a free port, on a fresh database (PostgreSQL, or PGlite) and its own messaging. */
export async function startProducts({ seed = false } = {}): Promise<TestProducts> {
  const messaging = await testMessaging('products');
  let products: RunningSubgraph;
  try {
    products = await runTestSubgraph(productsSubgraph, { databaseUrl: await testDatabaseUrl('products'), messaging, seed });
  } catch (error) {
    await messaging.close();
    throw error;
  }
  return {
    products,
    messaging,
    url: `${products.url}/graphql`,
    sql: (query, params) => products.database.dataSource.query(query, params),
    close: async () => {
      await products.close();
      await messaging.close();
    },
  };
}

export const ADMIN_ID = '00000000-0000-4000-8000-0000000000a1';
export const CUSTOMER_ID = '00000000-0000-4000-8000-0000000000c1';
export const OTHER_CUSTOMER_ID = '00000000-0000-4000-8000-0000000000c2';
export const admin = () => viewerHeaders(ADMIN_ID, ['ADMIN']);
export const customer = (id = CUSTOMER_ID) => viewerHeaders(id, ['CUSTOMER']);

/** A category and a product in it, made by an admin through the API. */
export async function createProduct(url: string, input: { name?: string; price?: number; stock?: number; currency?: string } = {}): Promise<{ id: string; categoryId: string }> {
  const category = await graphql(url, 'mutation($i: CreateCategoryInput!) { createCategory(input: $i) { id } }', { i: { name: `Category ${Math.random().toString(36).slice(2)}` } }, admin());
  const categoryId = category.data.createCategory.id;
  const created = await graphql(
    url,
    `
      #graphql
      mutation ($i: CreateProductInput!) {
        createProduct(input: $i) {
          id
        }
      }
    `,
    { i: { name: 'Test product', description: 'Made for a test', price: 1250, stock: 10, categoryId, ...input } },
    admin(),
  );
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  return { id: created.data.createProduct.id, categoryId };
}
