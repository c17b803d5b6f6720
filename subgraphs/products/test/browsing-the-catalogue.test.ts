import { cleanupTestResources, graphql } from '@supergraph/testkit';
import { startProducts, type TestProducts } from './helpers';

const DEMO_REVIEWERS = ['00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000008', '00000000-0000-4000-8000-000000000009'];

/** Anonymous browsing of the seeded catalogue: filters, sorts, keyset pages, references. */
describe('browsing the catalogue', () => {
  let sg: TestProducts;
  let url: string;

  beforeAll(async () => {
    sg = await startProducts({ seed: true });
    url = sg.url;
  });
  afterAll(async () => {
    await sg?.close();
    await cleanupTestResources();
  });

  const PAGE = `#graphql
    query($filter: ProductFilter, $sort: ProductSort, $first: Int, $after: String) {
      products(filter: $filter, sort: $sort, first: $first, after: $after) {
        totalCount
        edges { cursor node { id name description price { amount currency } rating stock inStock createdAt category { id } } }
        pageInfo { hasNextPage endCursor }
      }
    }`;
  const page = (variables: Record<string, unknown>) => graphql(url, PAGE, variables);

  /** Every page until the last, asserting that nothing failed on the way. */
  async function walk(variables: Record<string, unknown>, first = 7) {
    const nodes: any[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const res: any = await page({ ...variables, first, after });
      expect(res.errors).toBeUndefined();
      nodes.push(...res.data.products.edges.map((e: any) => e.node));
      if (!res.data.products.pageInfo.hasNextPage) return { nodes, totalCount: res.data.products.totalCount };
      after = res.data.products.pageInfo.endCursor;
    }
    throw new Error('more than 100 pages');
  }

  it('seeds six categories and sixty products whose ratings agree with their reviews', async () => {
    const res = await graphql(url, '{ categories { id name slug } products(first: 1) { totalCount } }');
    expect(res.data.categories.length).toBeGreaterThanOrEqual(6);
    expect(res.data.products.totalCount).toBeGreaterThanOrEqual(60);
    const [facts] = await sg.sql(`SELECT
        count(*) FILTER (WHERE stock = 0)::int AS "soldOut",
        count(DISTINCT price_amount)::int AS prices,
        count(*) FILTER (WHERE review_count <> (SELECT count(*) FROM review r WHERE r.product_id = p.id)
                          OR rating_sum <> (SELECT coalesce(sum(rating), 0) FROM review r WHERE r.product_id = p.id))::int AS inconsistent
      FROM product p`);
    expect(facts.soldOut).toBeGreaterThanOrEqual(3);
    expect(facts.prices).toBeGreaterThan(30);
    expect(facts.inconsistent).toBe(0);
    const authors = await sg.sql<{ author_id: string }>('SELECT DISTINCT author_id FROM review ORDER BY author_id');
    expect(authors.map((a) => a.author_id)).toEqual(DEMO_REVIEWERS);
  });

  const SORT_SQL: Record<string, string> = {
    PRICE: 'price_amount',
    NAME: 'name',
    RATING: 'coalesce(rating_avg, 0)',
    CREATED_AT: 'created_at',
  };

  it.each(
    ['PRICE', 'NAME', 'RATING', 'CREATED_AT'].flatMap((field) => [
      [field, 'ASC'],
      [field, 'DESC'],
    ]),
  )('walks every page sorted by %s %s with no gap and no repeat, ties broken by id', async (field, direction) => {
    const { nodes, totalCount } = await walk({ sort: { field, direction } });
    // The database's own ordering (collation included) is the oracle; ratings tie a lot (unrated products).
    const expected = await sg.sql<{ id: string }>(`SELECT id FROM product ORDER BY ${SORT_SQL[field]} ${direction}, id ${direction}`);
    expect(nodes.map((n) => n.id)).toEqual(expected.map((row) => row.id));
    expect(totalCount).toBe(expected.length);
    if (field === 'PRICE') {
      const prices = nodes.map((n) => n.price.amount);
      expect(prices).toEqual([...prices].sort((a, b) => (direction === 'ASC' ? a - b : b - a)));
    }
  });

  it('filters by category, price range, stock and words of the name or description', async () => {
    const categoryId = (await graphql(url, '{ categories { id } }')).data.categories[0].id;
    const filter = { categoryId, minPrice: 1000, maxPrice: 8000, inStock: true };
    const { nodes, totalCount } = await walk({ filter }, 3);
    const [{ n }] = await sg.sql('SELECT count(*)::int AS n FROM product WHERE category_id = $1 AND price_amount BETWEEN 1000 AND 8000 AND stock > 0', [categoryId]);
    expect(nodes).toHaveLength(n);
    expect(totalCount).toBe(n);
    for (const node of nodes) {
      expect(node).toMatchObject({ category: { id: categoryId }, inStock: true });
      expect(node.price.amount).toBeGreaterThanOrEqual(1000);
      expect(node.price.amount).toBeLessThanOrEqual(8000);
    }
    const soldOut = await walk({ filter: { inStock: false } });
    expect(soldOut.nodes.length).toBeGreaterThan(0);
    expect(soldOut.nodes.every((p) => p.stock === 0 && !p.inStock)).toBe(true);

    const names = async (search: string) => (await page({ filter: { search }, first: 100 })).data.products.edges.map((e: any) => e.node.name);
    expect(await names('KETTLE')).toEqual(['Gooseneck kettle']);
    // Every word must match, in the name or the description.
    expect(await names('coffee 250')).toEqual(expect.arrayContaining(['Ethiopian Yirgacheffe beans', 'Guatemala Antigua']));
    expect(await names('coffee 250')).not.toContain('Espresso blend');
    // Wildcards are literal characters.
    expect(await names('%')).toEqual(['Dark chocolate 70%']);
    expect(await names('_')).toEqual([]);
  });

  const crafted = Buffer.from(JSON.stringify([['PRICE:ASC', 'not a price'], '00000000-0000-4000-8000-000000000001'])).toString('base64url');
  it.each([
    ['first: 0', { first: 0 }, 'first'],
    ['first: 101', { first: 101 }, 'first'],
    ['a cursor that is not one', { after: 'garbage' }, 'after'],
    ['a cursor with a key of the wrong type', { after: crafted, sort: { field: 'PRICE', direction: 'ASC' } }, 'after'],
    ['minPrice above maxPrice', { filter: { minPrice: 500, maxPrice: 100 } }, 'filter.minPrice'],
    ['a negative price', { filter: { minPrice: -1 } }, 'filter.minPrice'],
    ['a malformed category id', { filter: { categoryId: 'nope' } }, 'filter.categoryId'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_, variables, field) => {
    const res = await page(variables);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.data).toBeNull();
  });

  it('refuses a cursor taken from another ordering, and a malformed product id', async () => {
    const byPrice = await page({ sort: { field: 'PRICE', direction: 'ASC' }, first: 2 });
    const res = await page({ sort: { field: 'NAME', direction: 'ASC' }, after: byPrice.data.products.pageInfo.endCursor });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const product = await graphql(url, '{ product(id: "42") { id } }');
    expect(product.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect((await graphql(url, '{ product(id: "00000000-0000-4000-8000-00000000dead") { id } }')).data).toEqual({ product: null });
  });

  it("pages through a category's products and a product's reviews, newest review first", async () => {
    const { categories } = (await graphql(url, '{ categories { id } }')).data;
    const categoryPage = `#graphql
      query($id: ID!, $after: String) { _entities(representations: [{ __typename: "Category", id: $id }]) {
        ... on Category { products(first: 4, after: $after) { totalCount edges { node { id category { id } } } pageInfo { hasNextPage endCursor } } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let totalCount: number;
    do {
      const res: any = await graphql(url, categoryPage, { id: categories[1].id, after });
      const connection = res.data._entities[0].products;
      totalCount = connection.totalCount;
      seen.push(...connection.edges.map((e: any) => e.node.id));
      expect(connection.edges.every((e: any) => e.node.category.id === categories[1].id)).toBe(true);
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after);
    const expected = await sg.sql('SELECT id FROM product WHERE category_id = $1 ORDER BY created_at, id', [categories[1].id]);
    expect(seen).toEqual(expected.map((row: { id: string }) => row.id));
    expect(totalCount).toBe(expected.length);

    const [reviewed] = await sg.sql(`SELECT id FROM product WHERE review_count = 3 LIMIT 1`);
    const reviews = `#graphql
      query($id: ID!, $after: String) { product(id: $id) { rating reviewCount reviews(first: 2, after: $after) {
        totalCount edges { node { rating comment createdAt author { id } product { id } } } pageInfo { hasNextPage endCursor } } } }`;
    const first = (await graphql(url, reviews, { id: reviewed.id })).data.product;
    expect(first.reviews.totalCount).toBe(3);
    expect(first.reviews.edges).toHaveLength(2);
    const second = (await graphql(url, reviews, { id: reviewed.id, after: first.reviews.pageInfo.endCursor })).data.product;
    expect(second.reviews.pageInfo.hasNextPage).toBe(false);
    const all = [...first.reviews.edges, ...second.reviews.edges].map((e: any) => e.node);
    expect(all).toHaveLength(3);
    expect(all.map((r) => r.createdAt)).toEqual(
      all
        .map((r) => r.createdAt)
        .sort()
        .reverse(),
    );
    expect(all.every((r) => r.product.id === reviewed.id && DEMO_REVIEWERS.includes(r.author.id))).toBe(true);
    expect(first.rating).toBeCloseTo(all.reduce((s, r) => s + r.rating, 0) / 3, 2);
  });

  it('resolves 30 product references with one SQL query', async () => {
    const ids = (await page({ first: 30 })).data.products.edges.map((e: any) => e.node.id);
    const representations = ids.map((id: string) => ({ __typename: 'Product', id }));
    const before = sg.products.database.queryCount;
    const res = await graphql(url, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id name price { amount } } } }', { r: representations });
    expect(sg.products.database.queryCount - before).toBe(1);
    expect(res.data._entities.map((p: any) => p.id)).toEqual(ids);
  });

  it('lists every category with products, reviews and their authors in a number of queries that does not grow with the list', async () => {
    const query = (first: number) => `{
      categories { name products(first: ${first}) { totalCount edges { node { name category { slug }
        reviews(first: 3) { totalCount edges { node { rating author { id } product { id } } } } } } } } }`;
    const cost = async (first: number) => {
      const before = sg.products.database.queryCount;
      const res = await graphql(url, query(first));
      expect(res.errors).toBeUndefined();
      return sg.products.database.queryCount - before;
    };
    // categories, their product pages, the counts, Product.category, the review pages.
    expect(await cost(2)).toBeLessThanOrEqual(5);
    expect(await cost(10)).toBe(await cost(2));
  });
});
