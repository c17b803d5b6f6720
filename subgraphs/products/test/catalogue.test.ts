import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, graphql, viewerHeaders } from '@supergraph/testkit';
import { ADMIN_ID, CUSTOMER_ID, startProducts } from './helpers';

describe('the catalogue', () => {
  let products: RunningSubgraph;
  let messaging: Messaging;
  let url: string;
  const admin = viewerHeaders(ADMIN_ID, ['ADMIN']);
  const customer = viewerHeaders(CUSTOMER_ID, ['CUSTOMER']);

  beforeAll(async () => {
    ({ products, messaging, url } = await startProducts({ seed: true }));
  });
  afterAll(async () => {
    await products?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  const page = (variables: Record<string, unknown>) =>
    graphql(
      url,
      `query($filter: ProductFilter, $sort: ProductSort, $first: Int, $after: String) {
        products(filter: $filter, sort: $sort, first: $first, after: $after) {
          totalCount edges { cursor node { id name price { amount } rating stock category { id } } } pageInfo { hasNextPage endCursor } } }`,
      variables,
    );

  it('seeds at least 60 products in at least 6 categories', async () => {
    const res = await graphql(url, '{ categories { id name } products(first: 1) { totalCount } }');
    expect(res.data.categories.length).toBeGreaterThanOrEqual(6);
    expect(res.data.products.totalCount).toBeGreaterThanOrEqual(60);
  });

  it.each([
    ['PRICE', 'ASC', (p: any) => p.price.amount],
    ['PRICE', 'DESC', (p: any) => -p.price.amount],
    ['NAME', 'ASC', (p: any) => p.name],
    ['RATING', 'DESC', (p: any) => -(p.rating ?? 0)],
    ['CREATED_AT', 'ASC', () => 0],
  ])('walks every page sorted by %s %s with no gap and no repeat', async (field, direction, key) => {
    const seen: any[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await page({ sort: { field, direction }, first: 7, after });
      expect(res.errors).toBeUndefined();
      seen.push(...res.data.products.edges.map((e: any) => e.node));
      if (!res.data.products.pageInfo.hasNextPage) break;
      after = res.data.products.pageInfo.endCursor;
    }
    expect(seen).toHaveLength((await page({ first: 1 })).data.products.totalCount);
    expect(new Set(seen.map((p) => p.id)).size).toBe(seen.length);
    const keys = seen.map(key);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('filters by category, price range, stock and text', async () => {
    const categoryId = (await graphql(url, '{ categories { id } }')).data.categories[0].id;
    const res = await page({ filter: { categoryId, minPrice: 1000, maxPrice: 8000, inStock: true }, first: 100 });
    for (const { node } of res.data.products.edges) {
      expect(node.category.id).toBe(categoryId);
      expect(node.price.amount).toBeGreaterThanOrEqual(1000);
      expect(node.price.amount).toBeLessThanOrEqual(8000);
      expect(node.stock).toBeGreaterThan(0);
    }
    const search = await page({ filter: { search: 'KETTLE' }, first: 10 });
    expect(search.data.products.edges.map((e: any) => e.node.name)).toEqual(['Gooseneck kettle']);
    // A literal percent sign, not a wildcard.
    const literal = await page({ filter: { search: '%' }, first: 10 });
    expect(literal.data.products.edges.map((e: any) => e.node.name)).toEqual(['Dark chocolate 70%']);
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ after: 'garbage' }, 'after'],
    [{ filter: { minPrice: 500, maxPrice: 100 } }, 'filter.minPrice'],
    [{ filter: { categoryId: 'nope' } }, 'filter.categoryId'],
  ])('refuses %j with BAD_USER_INPUT on %s', async (variables, field) => {
    const res = await page(variables);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('lets only admins create and change products, validating every field', async () => {
    const categoryId = (await graphql(url, '{ categories { id } }')).data.categories[0].id;
    const create = 'mutation($i: CreateProductInput!) { createProduct(input: $i) { id name stock price { amount currency } } }';
    const input = { name: 'Test grinder', description: 'Grinds', price: 4999, categoryId, stock: 3 };
    expect((await graphql(url, create, { i: input }, customer)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await graphql(url, create, { i: input })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await graphql(url, create, { i: { ...input, price: 0 } }, admin)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.price' });
    expect((await graphql(url, create, { i: { ...input, stock: -1 } }, admin)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stock' });
    expect((await graphql(url, create, { i: { ...input, categoryId: '00000000-0000-4000-8000-000000000000' } }, admin)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.categoryId',
    });
    const created = await graphql(url, create, { i: input }, admin);
    expect(created.data.createProduct).toMatchObject({ name: 'Test grinder', stock: 3, price: { amount: 4999, currency: 'USD' } });
    const id = created.data.createProduct.id;
    const adjust = 'mutation($id: ID!, $d: Int!) { adjustStock(productId: $id, delta: $d) { stock } }';
    expect((await graphql(url, adjust, { id, d: -4 }, admin)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await graphql(url, adjust, { id, d: 2 }, admin)).data.adjustStock.stock).toBe(5);
    const [event] = await products.database.dataSource.query(`SELECT payload FROM outbox WHERE topic = 'products.product.upserted' AND payload->>'productId' = $1`, [id]);
    expect(event.payload).toEqual({ productId: id, name: 'Test grinder', price: { amount: 4999, currency: 'USD' } });
  });

  it('takes one review per customer and product and keeps the rating average', async () => {
    const id = (await page({ filter: { search: 'Moka' }, first: 1 })).data.products.edges[0].node.id;
    const before = (await graphql(url, 'query($id: ID!) { product(id: $id) { rating reviewCount } }', { id })).data.product;
    const add = 'mutation($i: AddReviewInput!) { addReview(input: $i) { rating author { id } } }';
    expect((await graphql(url, add, { i: { productId: id, rating: 6 } }, customer)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rating' });
    expect((await graphql(url, add, { i: { productId: id, rating: 5, comment: 'Lovely' } }, customer)).data.addReview).toEqual({ rating: 5, author: { id: CUSTOMER_ID } });
    expect((await graphql(url, add, { i: { productId: id, rating: 1 } }, customer)).errors?.[0].extensions?.code).toBe('CONFLICT');
    const after = (await graphql(url, 'query($id: ID!) { product(id: $id) { rating reviewCount reviews(first: 50) { totalCount } } }', { id })).data.product;
    expect(after.reviewCount).toBe(before.reviewCount + 1);
    expect(after.reviews.totalCount).toBe(after.reviewCount);
  });

  it('keeps a private wishlist', async () => {
    const id = (await page({ first: 1 })).data.products.edges[0].node.id;
    await graphql(url, 'mutation($id: ID!) { addToWishlist(productId: $id) { id } }', { id }, customer);
    const twice = await graphql(url, 'mutation($id: ID!) { addToWishlist(productId: $id) { id } }', { id }, customer);
    expect(twice.data.addToWishlist).toEqual([{ id }]);
    const entity = '{ _entities(representations: [{ __typename: "User", id: "' + CUSTOMER_ID + '" }]) { ... on User { wishlist { id } } } }';
    expect((await graphql(url, entity, {}, customer)).data._entities).toEqual([{ wishlist: [{ id }] }]);
    expect((await graphql(url, entity, {}, viewerHeaders('00000000-0000-4000-8000-0000000000c2'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('resolves 30 product references with one SQL query', async () => {
    const ids = (await page({ first: 30 })).data.products.edges.map((e: any) => e.node.id);
    const representations = ids.map((id: string) => `{ __typename: "Product", id: "${id}" }`).join(', ');
    const before = products.database.queryCount;
    const res = await graphql(url, `{ _entities(representations: [${representations}]) { ... on Product { id name } } }`);
    expect(res.data._entities).toHaveLength(30);
    expect(products.database.queryCount - before).toBe(1);
  });
});
