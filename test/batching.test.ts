import { cleanupTestResources, eventually } from '@supergraph/testkit';
import { Client, registerCustomer, startTestSupergraph, statementsPerSubgraph, type TestSupergraph } from './helpers/supergraph';

/**
 * No N+1 across subgraphs: the SQL statements each subgraph runs for a page of orders with their
 * items, products and customer do not grow with the number of orders.
 */
describe('batching across subgraphs', () => {
  let sg: TestSupergraph;
  let customer: Client;

  beforeAll(async () => {
    sg = await startTestSupergraph();
    customer = await registerCustomer(sg.url, 'batch');
    const { products } = await customer.data('{ products(filter: { inStock: true }, first: 3) { edges { node { id } } } }');
    const ids = products.edges.map((e: { node: { id: string } }) => e.node.id);
    for (let i = 0; i < 50; i++) {
      await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: ids[i % 3] });
      await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: ids[(i + 1) % 3] });
      await customer.data('mutation($k: String!) { checkout(input: { idempotencyKey: $k }) { id } }', { k: `batch-order-${i}` });
    }
    await eventually(async () => (await customer.data('{ me { orders(first: 50, status: PENDING) { totalCount } } }')).me.orders.totalCount === 0, {
      timeoutMs: 60_000,
      message: 'all orders handled',
    });
  }, 120_000);
  afterAll(async () => {
    await sg?.close();
    await cleanupTestResources();
  });

  const QUERY = `query($n: Int!) { me { name orders(first: $n) { edges { node {
    status customer { name } items { quantity product { name price { amount } } } statusHistory { to } } } } } }`;

  const statementsFor = (n: number) =>
    statementsPerSubgraph(sg, async () => {
      const data = await customer.data(QUERY, { n });
      expect(data.me.orders.edges).toHaveLength(n);
    });

  it('runs as many SQL statements per subgraph for 50 orders as for 5', async () => {
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    console.log('SQL statements per subgraph', { five, fifty });
    expect(fifty).toEqual(five);
    for (const count of Object.values(fifty)) expect(count).toBeLessThanOrEqual(4);
  });
});
