import { cleanupTestResources, eventually } from '@supergraph/testkit';
import { Client, createProduct, eventsSettled, login, registerCustomer, startTestSupergraph, type TestSupergraph } from './helpers/supergraph';

describe('stock under concurrent checkouts', () => {
  let sg: TestSupergraph;

  beforeAll(async () => {
    sg = await startTestSupergraph();
  });
  afterAll(async () => {
    await sg?.close();
    await cleanupTestResources();
  });

  it('confirms exactly 20 of 100 simultaneous checkouts for a product with stock 20, and never oversells', async () => {
    const admin = await login(sg.url, 'admin@example.com');
    const productId = await createProduct(sg, admin, { stock: 20, price: 9900, name: 'Limited edition grinder' });

    const customers: Client[] = [];
    for (let batch = 0; batch < 10; batch++) {
      customers.push(...(await Promise.all(Array.from({ length: 10 }, () => registerCustomer(sg.url, 'rush')))));
    }
    // Orders learns of each new address through users' events; what is measured starts once it knows all 100.
    await eventually(() => eventsSettled(Object.values(sg.supergraph.subgraphs)), { timeoutMs: 60_000, message: 'every address known to orders' });
    await Promise.all(customers.map((c) => c.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: productId })));

    const orders = await Promise.all(
      customers.map(async (c, i) => {
        const { checkout } = await c.data('mutation($k: String!) { checkout(input: { idempotencyKey: $k }) { id } }', { k: `rush-checkout-${i}` });
        return { client: c, id: checkout.id as string };
      }),
    );

    const statuses = await eventually(
      async () => {
        const all = await Promise.all(orders.map(async ({ client, id }) => (await client.data('query($id: ID!) { order(id: $id) { status } }', { id })).order.status as string));
        return all.every((s) => s !== 'PENDING') ? all : undefined;
      },
      { timeoutMs: 150_000, intervalMs: 200, message: 'every order to leave PENDING' },
    );
    const count = (s: string) => statuses.filter((x) => x === s).length;
    expect({ confirmed: count('CONFIRMED'), rejected: count('REJECTED') }).toEqual({ confirmed: 20, rejected: 80 });
    const { product } = await admin.data('query($id: ID!) { product(id: $id) { stock } }', { id: productId });
    expect(product.stock).toBe(0);
    const [{ negative }] = await sg.supergraph.subgraphs.products.database.dataSource.query('SELECT count(*)::int AS negative FROM product WHERE stock < 0');
    expect(negative).toBe(0);
  }, 300_000); // all eight subgraphs share this process: 100 orders' events pass products, orders and messaging on one event loop; registering 100 customers hashes 100 passwords: slow on a loaded 2-core machine, and not what is measured
});
