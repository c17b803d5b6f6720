import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type DocumentNode } from 'graphql';
import { issueAccessToken, verifyViewerHeaders, type Viewer } from '@supergraph/auth';
import { graphql, testLogger, TEST_IDENTITY_SECRET, TEST_JWT_SECRET } from '@supergraph/testkit';
import { startRouter, type RouterConfig, type RunningRouter } from '../src/server';

/**
 * In-flight deduplication of subgraph fetches: identical concurrent query fetches by the same
 * identity are sent once; fetches by different identities never share a response; mutations are
 * never deduplicated. Two small real subgraphs (each answers after a delay, so concurrent requests
 * overlap) count every request they receive and answer from the identity headers they verify.
 */
const DELAY_MS = 150;

interface CountingSubgraph {
  url: string;
  /** Requests received, by the verified caller ("anonymous" or the user id). */
  calls: Map<string, number>;
  mutations: number;
  close(): Promise<void>;
}

async function startSubgraph(typeDefs: DocumentNode, resolvers: Record<string, any>): Promise<CountingSubgraph> {
  const schema = buildSubgraphSchema([{ typeDefs, resolvers }]);
  const calls = new Map<string, number>();
  let mutations = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const viewer = verifyViewerHeaders(req.headers, TEST_IDENTITY_SECRET);
      const who = viewer?.userId ?? 'anonymous';
      calls.set(who, (calls.get(who) ?? 0) + 1);
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (/^\s*mutation\b/.test(query)) mutations++;
      await new Promise((r) => setTimeout(r, DELAY_MS));
      const result = await execute({ schema, document: parse(query), variableValues: variables, contextValue: { viewer } });
      const text = JSON.stringify(result);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    calls,
    get mutations() {
      return mutations;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Ctx = { viewer: Viewer | null };
const accountsTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { me: Account }
  type Mutation { touch: Int }
  type Account @key(fields: "id") { id: ID! name: String }
`);
const notesTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Account @key(fields: "id") { id: ID! notes: [String] }
`);

describe('router: in-flight deduplication of subgraph fetches', () => {
  let accounts: CountingSubgraph;
  let notes: CountingSubgraph;
  let supergraphSdl: string;
  const routers: RunningRouter[] = [];
  let touches = 0;

  async function start(overrides: Partial<RouterConfig> = {}) {
    const router = await startRouter({
      supergraphSdl,
      identitySecret: TEST_IDENTITY_SECRET,
      jwtSecret: TEST_JWT_SECRET,
      limits: { maxDepth: 10, maxAliases: 10, maxCost: 1000, maxTokens: 1000 },
      logger: testLogger,
      ...overrides,
    });
    routers.push(router);
    return `${router.url}/graphql`;
  }
  const token = (id: string) => issueAccessToken({ id, roles: ['CUSTOMER'] }, { secret: TEST_JWT_SECRET, ttlSeconds: 300 });
  const reset = () => {
    accounts.calls.clear();
    notes.calls.clear();
  };
  const ME = '{ me { id name notes } }';

  beforeAll(async () => {
    accounts = await startSubgraph(accountsTypeDefs, {
      Query: { me: (_: unknown, __: unknown, { viewer }: Ctx) => (viewer ? { id: viewer.userId, name: `name of ${viewer.userId}` } : null) },
      Mutation: { touch: () => ++touches },
      Account: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, name: `name of ${ref.id}` }) },
    });
    notes = await startSubgraph(notesTypeDefs, {
      // Private data: only the account's owner sees its notes.
      Account: { __resolveReference: (ref: { id: string }, { viewer }: Ctx) => ({ id: ref.id, notes: viewer?.userId === ref.id ? [`secret of ${ref.id}`] : [] }) },
    });
    const composed = composeServices([
      { name: 'accounts', url: accounts.url, typeDefs: accountsTypeDefs },
      { name: 'notes', url: notes.url, typeDefs: notesTypeDefs },
    ]);
    if (composed.errors) throw composed.errors[0];
    supergraphSdl = composed.supergraphSdl;
  });
  afterAll(async () => {
    for (const r of routers) await r.close();
    await accounts?.close();
    await notes?.close();
  });

  it('never shares a response between callers with different identities', async () => {
    const url = await start();
    const [alice, bob] = [await token('alice'), await token('bob')];
    reset();
    const asAlice = Array.from({ length: 5 }, () => graphql(url, ME, {}, { authorization: `Bearer ${alice}` }));
    const asBob = Array.from({ length: 5 }, () => graphql(url, ME, {}, { authorization: `Bearer ${bob}` }));
    const anonymous = Array.from({ length: 3 }, () => graphql(url, ME));
    const [a, b, n] = await Promise.all([Promise.all(asAlice), Promise.all(asBob), Promise.all(anonymous)]);

    for (const r of a) expect(r).toMatchObject({ status: 200, data: { me: { id: 'alice', name: 'name of alice', notes: ['secret of alice'] } } });
    for (const r of b) expect(r).toMatchObject({ status: 200, data: { me: { id: 'bob', name: 'name of bob', notes: ['secret of bob'] } } });
    for (const r of n) expect(r).toMatchObject({ status: 200, data: { me: null } });
    // One fetch per identity and subgraph: identical bodies, but each identity has its own.
    expect(Object.fromEntries(accounts.calls)).toEqual({ alice: 1, bob: 1, anonymous: 1 });
    expect(Object.fromEntries(notes.calls)).toEqual({ alice: 1, bob: 1 });
  });

  it('coalesces identical concurrent queries by the same identity, each caller getting its own copy', async () => {
    const url = await start();
    const alice = await token('alice');
    reset();
    const results = await Promise.all(Array.from({ length: 8 }, () => graphql(url, ME, {}, { authorization: `Bearer ${alice}` })));
    for (const r of results) expect(r.data).toEqual({ me: { id: 'alice', name: 'name of alice', notes: ['secret of alice'] } });
    expect(Object.fromEntries(accounts.calls)).toEqual({ alice: 1 });
    expect(Object.fromEntries(notes.calls)).toEqual({ alice: 1 });
    // Not a cache: once answered, the next request is fetched again.
    reset();
    await graphql(url, ME, {}, { authorization: `Bearer ${alice}` });
    expect(Object.fromEntries(accounts.calls)).toEqual({ alice: 1 });
  });

  it('never deduplicates mutations', async () => {
    const url = await start();
    const alice = await token('alice');
    reset();
    const before = accounts.mutations;
    const results = await Promise.all(Array.from({ length: 5 }, () => graphql(url, 'mutation { touch }', {}, { authorization: `Bearer ${alice}` })));
    expect(accounts.mutations - before).toBe(5);
    expect(new Set(results.map((r) => r.data?.touch)).size).toBe(5);
  });

  it('shares one fetch among at most maxShared callers', async () => {
    const url = await start({ subgraphFetch: { maxShared: 2 } });
    const alice = await token('alice');
    reset();
    const results = await Promise.all(Array.from({ length: 5 }, () => graphql(url, ME, {}, { authorization: `Bearer ${alice}` })));
    for (const r of results) expect(r.data).toEqual({ me: { id: 'alice', name: 'name of alice', notes: ['secret of alice'] } });
    expect(Object.fromEntries(accounts.calls)).toEqual({ alice: 3 });
  });

  it('sends every fetch when deduplication is turned off', async () => {
    const url = await start({ subgraphFetch: { dedup: false } });
    const alice = await token('alice');
    reset();
    await Promise.all(Array.from({ length: 4 }, () => graphql(url, ME, {}, { authorization: `Bearer ${alice}` })));
    expect(Object.fromEntries(accounts.calls)).toEqual({ alice: 4 });
    expect(Object.fromEntries(notes.calls)).toEqual({ alice: 4 });
  });
});
