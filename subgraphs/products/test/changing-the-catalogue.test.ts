import { VIEWER_HEADER, VIEWER_SIGNATURE_HEADER } from '@supergraph/auth';
import { cleanupTestResources, graphql } from '@supergraph/testkit';
import { ADMIN_ID, admin, createProduct, customer, startProducts, type TestProducts } from './helpers';

/** Admins change the catalogue and its stock; nobody else can, and bad input changes nothing. */
describe('changing the catalogue', () => {
  let sg: TestProducts;
  let url: string;
  let categoryId: string;
  let productId: string;

  beforeAll(async () => {
    sg = await startProducts();
    url = sg.url;
    ({ id: productId, categoryId } = await createProduct(url, { name: 'Hand grinder', price: 4999, stock: 3 }));
  });
  afterAll(async () => {
    await sg?.close();
    await cleanupTestResources();
  });

  const CREATE = `#graphql
    mutation($i: CreateProductInput!) { createProduct(input: $i) { id name description stock inStock rating reviewCount weightGrams price { amount currency } category { id } } }`;
  const UPDATE = `#graphql
    mutation($id: ID!, $i: UpdateProductInput!) { updateProduct(id: $id, input: $i) { id name description weightGrams price { amount currency } category { id } } }`;
  const ADJUST = `#graphql
    mutation($id: ID!, $d: Int!, $r: String) { adjustStock(productId: $id, delta: $d, reason: $r) { id stock inStock } }`;
  const input = () => ({ name: 'Kettle', description: 'Boils', price: 2500, categoryId });
  const snapshot = async () => sg.sql('SELECT id, name, description, price_amount, price_currency, category_id, stock FROM product ORDER BY id');

  it('refuses every catalogue change from customers (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)', async () => {
    const before = await snapshot();
    const attempts: [string, Record<string, unknown>][] = [
      [CREATE, { i: input() }],
      [UPDATE, { id: productId, i: { name: 'Stolen' } }],
      [ADJUST, { id: productId, d: 100 }],
      ['mutation { createCategory(input: { name: "Mine" }) { id } }', {}],
    ];
    for (const [mutation, variables] of attempts) {
      expect((await graphql(url, mutation, variables, customer())).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await graphql(url, mutation, variables)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses identity headers that the router did not sign', async () => {
    const claim = Buffer.from(JSON.stringify({ kind: 'user', userId: ADMIN_ID, roles: ['ADMIN'], iat: Date.now() })).toString('base64url');
    const forgeries: Record<string, string>[] = [
      { [VIEWER_HEADER]: claim },
      { [VIEWER_HEADER]: claim, [VIEWER_SIGNATURE_HEADER]: 'not-the-signature' },
      // A real customer's signature on an identity rewritten to claim ADMIN.
      { [VIEWER_HEADER]: claim, [VIEWER_SIGNATURE_HEADER]: customer()[VIEWER_SIGNATURE_HEADER] },
    ];
    for (const headers of forgeries) {
      const res = await graphql(url, ADJUST, { id: productId, d: 100 }, headers);
      expect(res.status).toBe(401);
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await graphql(url, 'query($id: ID!) { product(id: $id) { stock } }', { id: productId })).data.product.stock).toBe(3);
  });

  it.each([
    ['an empty name', { name: '  ' }, 'input.name'],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, 'input.name'],
    ['a description over 5000 characters', { description: 'x'.repeat(5001) }, 'input.description'],
    ['a zero price', { price: 0 }, 'input.price'],
    ['a negative price', { price: -100 }, 'input.price'],
    ['a lowercase currency', { currency: 'usd' }, 'input.currency'],
    ['a negative stock', { stock: -1 }, 'input.stock'],
    ['a zero weight', { weightGrams: 0 }, 'input.weightGrams'],
    ['a weight over 30 kg', { weightGrams: 30_001 }, 'input.weightGrams'],
    ['an unknown category', { categoryId: '00000000-0000-4000-8000-000000000000' }, 'input.categoryId'],
    ['a malformed category id', { categoryId: 'books' }, 'input.categoryId'],
  ])('refuses a new product with %s, naming the field and creating nothing', async (_, change, field) => {
    const before = await snapshot();
    const res = await graphql(url, CREATE, { i: { ...input(), ...change } }, admin());
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await snapshot()).toEqual(before);
  });

  it('creates and updates a product, announcing its name, price and weight for read models', async () => {
    const created = (await graphql(url, CREATE, { i: { ...input(), name: '  Gooseneck kettle ', description: '', stock: 2 } }, admin())).data.createProduct;
    expect(created).toMatchObject({
      name: 'Gooseneck kettle',
      description: '',
      stock: 2,
      inStock: true,
      rating: null,
      reviewCount: 0,
      price: { amount: 2500, currency: 'USD' },
      weightGrams: 500,
      category: { id: categoryId },
    });
    const updated = await graphql(url, UPDATE, { id: created.id, i: { price: 2999, currency: 'EUR', weightGrams: 1300 } }, admin());
    expect(updated.data.updateProduct).toMatchObject({ name: 'Gooseneck kettle', description: '', price: { amount: 2999, currency: 'EUR' }, weightGrams: 1300 });
    const events = await sg.sql(`SELECT payload FROM outbox WHERE topic = 'products.product.upserted' AND payload->>'productId' = $1 ORDER BY seq`, [created.id]);
    expect(events.map((e: { payload: unknown }) => e.payload)).toEqual([
      { productId: created.id, name: 'Gooseneck kettle', price: { amount: 2500, currency: 'USD' }, weightGrams: 500 },
      { productId: created.id, name: 'Gooseneck kettle', price: { amount: 2999, currency: 'EUR' }, weightGrams: 1300 },
    ]);

    const unknown = await graphql(url, UPDATE, { id: '00000000-0000-4000-8000-00000000dead', i: { name: 'Ghost' } }, admin());
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const malformed = await graphql(url, UPDATE, { id: 'kettle', i: { name: 'Ghost' } }, admin());
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const badPrice = await graphql(url, UPDATE, { id: created.id, i: { name: 'Renamed', price: 0 } }, admin());
    expect(badPrice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.price' });
    const badWeight = await graphql(url, UPDATE, { id: created.id, i: { name: 'Renamed', weightGrams: -5 } }, admin());
    expect(badWeight.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.weightGrams' });
    const badCategory = await graphql(url, UPDATE, { id: created.id, i: { name: 'Renamed', categoryId: '00000000-0000-4000-8000-000000000000' } }, admin());
    expect(badCategory.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.categoryId' });
    expect((await graphql(url, 'query($id: ID!) { product(id: $id) { name } }', { id: created.id })).data.product.name).toBe('Gooseneck kettle');
  });

  it('adjusts stock with a recorded reason, and never below zero', async () => {
    const conflict = await graphql(url, ADJUST, { id: productId, d: -4, r: 'Broken in transit' }, admin());
    expect(conflict.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', stock: 3 });
    expect((await graphql(url, ADJUST, { id: productId, d: 0 }, admin())).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'delta' });
    expect((await graphql(url, ADJUST, { id: productId, d: 1, r: 'x'.repeat(501) }, admin())).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await graphql(url, ADJUST, { id: 'nope', d: 1 }, admin())).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'productId' });

    expect((await graphql(url, ADJUST, { id: productId, d: -3, r: 'Sold at the fair' }, admin())).data.adjustStock).toEqual({ id: productId, stock: 0, inStock: false });
    expect((await graphql(url, ADJUST, { id: productId, d: 12, r: 'Delivery from the maker' }, admin())).data.adjustStock.stock).toBe(12);
    const ledger = await sg.sql('SELECT delta, stock_after, reason, actor_id FROM stock_adjustment WHERE product_id = $1 ORDER BY created_at, delta', [productId]);
    expect(ledger).toEqual([
      { delta: -3, stock_after: 0, reason: 'Sold at the fair', actor_id: ADMIN_ID },
      { delta: 12, stock_after: 12, reason: 'Delivery from the maker', actor_id: ADMIN_ID },
    ]);
  });
});
