import { cleanupTestResources, graphql, viewerHeaders } from '@supergraph/testkit';
import { admin, createProduct, customer, CUSTOMER_ID, OTHER_CUSTOMER_ID, startProducts, type TestProducts } from './helpers';

/** What signed-in customers add to the catalogue: one review per product, and a private wishlist. */
describe('reviews and wishlists', () => {
  let sg: TestProducts;
  let url: string;
  let productId: string;

  beforeAll(async () => {
    sg = await startProducts();
    url = sg.url;
    ({ id: productId } = await createProduct(url, { name: 'Moka pot' }));
  });
  afterAll(async () => {
    await sg?.close();
    await cleanupTestResources();
  });

  const ADD = `#graphql
    mutation($i: AddReviewInput!) { addReview(input: $i) { id rating comment author { id } product { id rating reviewCount } } }`;
  const PRODUCT = `#graphql
    query($id: ID!) { product(id: $id) { rating reviewCount reviews(first: 10) { totalCount edges { node { rating comment author { id } } } } } }`;
  const product = async (id = productId) => (await graphql(url, PRODUCT, { id })).data.product;

  it('takes one review per customer and product, and keeps the average rating', async () => {
    const first = await graphql(url, ADD, { i: { productId, rating: 5, comment: ' Lovely crema ' } }, customer());
    expect(first.data.addReview).toMatchObject({ rating: 5, comment: 'Lovely crema', author: { id: CUSTOMER_ID }, product: { id: productId, rating: 5, reviewCount: 1 } });
    await graphql(url, ADD, { i: { productId, rating: 2 } }, customer(OTHER_CUSTOMER_ID));
    const after = await product();
    expect(after).toMatchObject({ rating: 3.5, reviewCount: 2, reviews: { totalCount: 2 } });
    // Newest first; two reviews may share a millisecond, so compare them as a set.
    expect(after.reviews.edges.map((e: any) => e.node)).toEqual(
      expect.arrayContaining([
        { rating: 2, comment: null, author: { id: OTHER_CUSTOMER_ID } },
        { rating: 5, comment: 'Lovely crema', author: { id: CUSTOMER_ID } },
      ]),
    );
    const again = await graphql(url, ADD, { i: { productId, rating: 1 } }, customer());
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.productId' });
    expect((await product()).reviewCount).toBe(2);
  });

  it('lets exactly one of several simultaneous reviews by the same customer through', async () => {
    const hasty = '00000000-0000-4000-8000-0000000000c9';
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => graphql(url, ADD, { i: { productId, rating: 1 + (i % 5) } }, customer(hasty))));
    expect(results.filter((r) => r.data?.addReview).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT').length).toBe(5);
    const [{ review_count, rating_sum, actual }] = await sg.sql('SELECT review_count, rating_sum, (SELECT sum(rating)::int FROM review WHERE product_id = $1) AS actual FROM product WHERE id = $1', [
      productId,
    ]);
    expect(review_count).toBe(3);
    expect(rating_sum).toBe(actual);
  });

  it.each([
    ['a rating of 0', { rating: 0 }, 'BAD_USER_INPUT', 'input.rating'],
    ['a rating of 6', { rating: 6 }, 'BAD_USER_INPUT', 'input.rating'],
    ['a comment over 2000 characters', { rating: 4, comment: 'x'.repeat(2001) }, 'BAD_USER_INPUT', 'input.comment'],
    ['an unknown product', { rating: 4, productId: '00000000-0000-4000-8000-00000000dead' }, 'NOT_FOUND', 'input.productId'],
    ['a malformed product id', { rating: 4, productId: 'moka' }, 'NOT_FOUND', 'input.productId'],
  ])('refuses a review with %s, naming the field, and changes nothing', async (_, change, code, field) => {
    const before = await product();
    const res = await graphql(url, ADD, { i: { productId, ...change } }, customer('00000000-0000-4000-8000-0000000000c7'));
    expect(res.errors?.[0].extensions).toMatchObject({ code, field });
    expect(await product()).toEqual(before);
  });

  it('refuses a review from an anonymous caller', async () => {
    const res = await graphql(url, ADD, { i: { productId, rating: 5 } });
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps a wishlist that only its owner and admins can read, and adding or removing twice changes nothing', async () => {
    const { id: other } = await createProduct(url, { name: 'Milk frother' });
    const add = (id: string, headers = customer()) => graphql(url, 'mutation($id: ID!) { addToWishlist(productId: $id) { id } }', { id }, headers);
    const remove = (id: string, headers = customer()) => graphql(url, 'mutation($id: ID!) { removeFromWishlist(productId: $id) { id } }', { id }, headers);
    expect((await add(productId)).data.addToWishlist).toEqual([{ id: productId }]);
    expect((await add(other)).data.addToWishlist).toEqual([{ id: productId }, { id: other }]);
    expect((await add(productId)).data.addToWishlist).toEqual([{ id: productId }, { id: other }]);
    expect((await remove(productId)).data.removeFromWishlist).toEqual([{ id: other }]);
    expect((await remove(productId)).data.removeFromWishlist).toEqual([{ id: other }]);

    expect((await add('00000000-0000-4000-8000-00000000dead')).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'productId' });
    expect((await add('frother')).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'productId' });
    expect((await add(productId, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await remove(other, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const wishlist = (userId: string, headers: Record<string, string>) =>
      graphql(url, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id wishlist { name } } } }', { r: [{ __typename: 'User', id: userId }] }, headers);
    expect((await wishlist(CUSTOMER_ID, customer())).data._entities).toEqual([{ id: CUSTOMER_ID, wishlist: [{ name: 'Milk frother' }] }]);
    expect((await wishlist(CUSTOMER_ID, admin())).data._entities).toEqual([{ id: CUSTOMER_ID, wishlist: [{ name: 'Milk frother' }] }]);
    expect((await wishlist(CUSTOMER_ID, customer(OTHER_CUSTOMER_ID))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await wishlist(CUSTOMER_ID, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("resolves many users' wishlists with two queries", async () => {
    const users = Array.from({ length: 8 }, (_, i) => `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`);
    for (const userId of users) await graphql(url, 'mutation($id: ID!) { addToWishlist(productId: $id) { id } }', { id: productId }, viewerHeaders(userId));
    const before = sg.products.database.queryCount;
    const res = await graphql(url, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { wishlist { id } } } }', { r: users.map((id) => ({ __typename: 'User', id })) }, admin());
    expect(sg.products.database.queryCount - before).toBe(2);
    expect(res.data._entities).toEqual(users.map(() => ({ wishlist: [{ id: productId }] })));
  });
});
