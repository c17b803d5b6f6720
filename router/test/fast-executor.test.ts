import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, GraphQLError, parse, type DocumentNode } from 'graphql';
import { testLogger, TEST_IDENTITY_SECRET, TEST_JWT_SECRET } from '@supergraph/testkit';
import { Supergraph } from '@apollo/federation-internals';
import { startRouter, type RouterConfig, type RunningRouter } from '../src/server';

/**
 * The router's fast executor (router/src/executor/) answers byte for byte what @apollo/gateway's own
 * executor answers: the same operations go to a router on each, over the same subgraphs
 * (fragments, aliases, @skip/@include, abstract types, @requires, subgraph errors and their
 * paths, value completion of bad subgraph data (a null in a non-null field, a value no enum has),
 * invalid variables). Each case checks what the fast router counted for it alone (statistics and
 * `router_executor_fallbacks_total` in /metrics, as deltas), so cases may run in any order or alone.
 */
async function serve(handler: (body: { query: string; variables?: Record<string, unknown> }) => unknown): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const text = JSON.stringify(await handler(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(text);
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, close: () => new Promise((r) => server.close(() => r())) };
}

function subgraph(typeDefs: DocumentNode, resolvers: Record<string, any>) {
  const schema = buildSubgraphSchema([{ typeDefs, resolvers }]);
  return serve(({ query, variables }) => execute({ schema, document: parse(query), variableValues: variables }));
}

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@shareable"])';
const ITEMS = [
  { id: '1', name: 'Book', kind: 'BOOK', price: 12, weight: 3 },
  { id: '2', name: 'Toy', kind: 'TOY', price: 30, weight: 10 },
  { id: '3', name: 'Pen', kind: 'BOOK', price: 2, weight: 1 },
];
const catalogDefs = parse(`${LINK}
  type Query { items(n: Int = 3): [Item!]!  node(id: ID!): Node  search: [Result]  broken: Item! }
  interface Node { id: ID! }
  enum Kind { BOOK TOY }
  type Item implements Node @key(fields: "id") { id: ID!  name: String  kind: Kind  price: Int  weight: Int }
  type Tag implements Node { id: ID!  label: String }
  union Result = Item | Tag
`);
const reviewsDefs = parse(`${LINK}
  type Item @key(fields: "id") { id: ID!  price: Int @external  weight: Int @external  shipping: Int @requires(fields: "price weight")  reviews: [Review!]  failing: String }
  type Review { body: String  stars: Int }
`);
const rawDefs = parse(`${LINK}
  type Query { raw: [Item!]!  rawKind: Kind }
  enum Kind { BOOK TOY }
  type Item @key(fields: "id", resolvable: false) { id: ID! }
`);

describe('router: fast executor answers as @apollo/gateway does', () => {
  const closers: (() => Promise<void>)[] = [];
  let fast: RunningRouter;
  let stock: RunningRouter;
  let config: RouterConfig;

  beforeAll(async () => {
    const tag = { __typename: 'Tag', id: 't1', label: 'red' };
    const catalog = await subgraph(catalogDefs, {
      Query: {
        items: (_: unknown, { n }: { n: number }) => ITEMS.slice(0, n).map((i) => ({ __typename: 'Item', ...i })),
        node: (_: unknown, { id }: { id: string }) => (id === 't1' ? tag : ITEMS.find((i) => i.id === id) && { __typename: 'Item', ...ITEMS.find((i) => i.id === id) }),
        search: () => [{ __typename: 'Item', ...ITEMS[0] }, tag, null],
        broken: () => null,
      },
      Node: { __resolveType: (o: { __typename: string }) => o.__typename },
      Result: { __resolveType: (o: { __typename: string }) => o.__typename },
      Item: { __resolveReference: (ref: { id: string }) => ITEMS.find((i) => i.id === ref.id) },
    });
    const reviews = await subgraph(reviewsDefs, {
      Item: {
        __resolveReference: (ref: { id: string; price?: number; weight?: number }) => ref,
        shipping: (i: { price: number; weight: number }) => (i.price > 20 ? 0 : i.weight * 2),
        reviews: (i: { id: string }) => [{ body: `about ${i.id}`, stars: Number(i.id) }],
        failing: (i: { id: string }) => {
          if (i.id === '2') throw new GraphQLError('no such thing', { extensions: { code: 'NOT_FOUND' } });
          return `ok ${i.id}`;
        },
      },
    });
    // Answers anything with data that breaks the schema: a null in a non-null list, a value no enum has.
    const raw = await serve(({ query }) => (/rawKind/.test(query) ? { data: { rawKind: 'CAR' } } : { data: { raw: [{ __typename: 'Item', id: '1' }, null] } }));
    closers.push(catalog.close, reviews.close, raw.close);
    const composed = composeServices([
      { name: 'catalog', url: catalog.url, typeDefs: catalogDefs },
      { name: 'reviews', url: reviews.url, typeDefs: reviewsDefs },
      { name: 'raw', url: raw.url, typeDefs: rawDefs },
    ]);
    if (composed.errors) throw composed.errors[0];
    config = {
      supergraphSdl: composed.supergraphSdl,
      identitySecret: TEST_IDENTITY_SECRET,
      jwtSecret: TEST_JWT_SECRET,
      limits: { maxDepth: 10, maxAliases: 10, maxCost: 10_000, maxTokens: 2000 },
      logger: testLogger,
      production: true, // no stack traces, which differ by executor
    };
    fast = await startRouter({ ...config, executor: 'fast' });
    stock = await startRouter({ ...config, executor: 'stock' });
  });
  afterAll(async () => {
    await fast?.close();
    await stock?.close();
    for (const close of closers) await close();
  });

  const post = async (router: RunningRouter, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await fetch(`${router.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(10_000),
    });
    return `${res.status} ${await res.text()}`;
  };

  /** What the router has counted so far: executor statistics and `/metrics`' fallbacks by reason. */
  const counts = async (router: RunningRouter) => {
    const text = await (await fetch(`${router.url}/metrics`)).text();
    const fallbacks: Record<string, number> = {};
    for (const [, reason, value] of text.matchAll(/^router_executor_fallbacks_total\{[^}]*reason="([^"]+)"[^}]*\} (\d+)$/gm)) fallbacks[reason] = Number(value);
    return { ...router.executorStats(), fallbacks };
  };
  /** How `counts` moved between two snapshots (zero moves left out). */
  const delta = (before: Awaited<ReturnType<typeof counts>>, after: Awaited<ReturnType<typeof counts>>) => {
    const fallbacks: Record<string, number> = {};
    for (const [reason, n] of Object.entries(after.fallbacks)) if (n !== (before.fallbacks[reason] ?? 0)) fallbacks[reason] = n - (before.fallbacks[reason] ?? 0);
    return { fast: after.fast - before.fast, stock: after.stock - before.stock, completion: after.completion - before.completion, fallbacks };
  };
  const FAST = { fast: 1, stock: 0, completion: 0, fallbacks: {} };
  const COMPLETION = { fast: 1, stock: 0, completion: 1, fallbacks: { value_completion: 1 } };
  const NOT_EXECUTED = { fast: 0, stock: 0, completion: 0, fallbacks: {} };

  // [name, query, variables, what the fast router counts for it]
  const cases: [string, string, Record<string, unknown> | undefined, typeof FAST][] = [
    ['entities and @requires', '{ items { id name kind shipping reviews { body stars } } }', undefined, FAST],
    [
      'aliases, fragments, __typename, @skip/@include, abstract types',
      `query Q($withReviews: Boolean!, $skipName: Boolean = false) {
         a: items(n: 2) { __typename ...F reviews @include(if: $withReviews) { stars } cost: price }
         search { __typename ... on Item { id name } ... on Tag { label } ... on Node { id } }
         node(id: "t1") { id __typename kind: __typename ... on Tag { label } }
         b: node(id: "2") { ... on Item { name shipping } }
       }
       fragment F on Item { id name @skip(if: $skipName) kind }`,
      { withReviews: true },
      FAST,
    ],
    ['the same with other variables', 'query Q($w: Boolean!, $s: Boolean = false) { items { id name @skip(if: $s) reviews @include(if: $w) { body } } }', { w: false, s: true }, FAST],
    ['an error in an entity fetch, with its path', '{ items { id failing name } }', undefined, FAST],
    ['a null in a non-null field from the subgraph', '{ broken { id } }', undefined, COMPLETION],
    ['bad subgraph data: value completion', '{ raw { id } }', undefined, COMPLETION],
    ['a value no enum has, from the subgraph: value completion', '{ rawKind items(n: 1) { kind } }', undefined, COMPLETION],
    ['invalid variables', 'query($n: Int!) { items(n: $n) { id } }', { n: 'many' }, FAST],
    ['a validation error', '{ items { nope } }', undefined, NOT_EXECUTED],
  ];

  // (a rest parameter: a callback with more parameters than the row would be taken for `done`)
  it.each(cases)('%s', async (...row) => {
    const [, query, variables, counted] = row;
    const before = await counts(fast);
    const [a, b] = [await post(fast, query, variables), await post(stock, query, variables)];
    expect(a).toBe(b);
    expect(a.startsWith('200 {"data"') || a.includes('"errors"')).toBe(true);
    expect(delta(before, await counts(fast))).toEqual(counted);
  });

  it('leaves the fast path for the query-plan debug header, and counts it by reason', async () => {
    const before = await counts(fast);
    const query = '{ items(n: 1) { id name shipping } }';
    const headers = { 'apollo-query-plan-experimental': '1' };
    const [a, b] = [await post(fast, query, undefined, headers), await post(stock, query, undefined, headers)];
    expect(a).toBe(b);
    expect(a).toContain('"__queryPlanExperimental"');
    expect(delta(before, await counts(fast))).toEqual({ fast: 0, stock: 1, completion: 0, fallbacks: { request: 1 } });
  });

  it('builds the supergraph once per router (the gateway, the fast executor and subscriptions share it)', async () => {
    const build = jest.spyOn(Supergraph, 'build');
    try {
      const another = await startRouter({ ...config, executor: 'fast' });
      await another.close();
      expect(build).toHaveBeenCalledTimes(1);
    } finally {
      build.mockRestore();
    }
  });

  it('a router on the stock executor counts nothing as fast', async () => {
    await post(stock, '{ items { id } }');
    expect(stock.executorStats()).toEqual({ fast: 0, stock: 0, completion: 0 });
    expect((await counts(stock)).fallbacks).toEqual({});
  });
});
