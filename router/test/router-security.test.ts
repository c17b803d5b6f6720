import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SignJWT } from 'jose';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, graphql, testLogger, TEST_IDENTITY_SECRET, TEST_JWT_SECRET } from '@supergraph/testkit';
import { startUsers } from '../../subgraphs/users/test/helpers';
import { startRouter, type RouterConfig, type RunningRouter } from '../src/server';

/**
 * The router is general: here it serves a supergraph composed from the users subgraph alone,
 * and everything is checked over HTTP as a client sees it.
 */
describe('router: authentication, limits and hygiene', () => {
  let users: RunningSubgraph;
  let messaging: Messaging;
  let router: RunningRouter;
  let url: string;
  const routers: RunningRouter[] = [];

  async function start(overrides: Partial<RouterConfig> = {}) {
    const typeDefs = parse(readFileSync(join(__dirname, '../../subgraphs/users/src/schema.graphql'), 'utf8'));
    const composed = composeServices([{ name: 'users', url: `${users.url}/graphql`, typeDefs }]);
    if (composed.errors) throw composed.errors[0];
    const running = await startRouter({
      supergraphSdl: composed.supergraphSdl,
      identitySecret: TEST_IDENTITY_SECRET,
      jwtSecret: TEST_JWT_SECRET,
      limits: { maxDepth: 4, maxAliases: 3, maxCost: 200, maxTokens: 300 },
      logger: testLogger,
      ...overrides,
    });
    routers.push(running);
    return running;
  }

  const register = async (email: string) =>
    (
      await graphql(url, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }', {
        i: { email, password: 'long-enough-1', name: 'Someone' },
      })
    ).data.register as { accessToken: string; user: { id: string } };

  beforeAll(async () => {
    ({ users, messaging } = await startUsers());
    router = await start();
    url = `${router.url}/graphql`;
  });
  afterAll(async () => {
    for (const r of routers) await r.close();
    await users?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('passes a verified user to the subgraph that owns the data', async () => {
    const { accessToken, user } = await register('through-router@example.com');
    const res = await graphql(url, '{ me { id email } }', {}, { authorization: `Bearer ${accessToken}` });
    expect(res.data).toEqual({ me: { id: user.id, email: 'through-router@example.com' } });
  });

  it.each([
    ['a malformed header', () => 'Token abc', 'malformed'],
    ['a token signed with another secret', async () => `Bearer ${await sign({ secret: 'another-secret-that-is-long-enough-000' })}`, 'invalid'],
    ['an expired token', async () => `Bearer ${await sign({ expiresAt: Math.floor(Date.now() / 1000) - 60 })}`, 'expired'],
    ['an unsigned token', async () => `Bearer ${unsigned()}`, 'invalid'],
  ])('refuses %s with 401 UNAUTHENTICATED and calls no subgraph', async (_, header, reason) => {
    const before = users.database.queryCount;
    const res = await graphql(url, '{ me { id } }', {}, { authorization: await header() });
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
    expect(users.database.queryCount).toBe(before);
  });

  it('lets a machine client in with its API key, and refuses an unknown key', async () => {
    const { accessToken, user } = await register('machine-owner@example.com');
    const created = await graphql(url, 'mutation { createApiKey(input: { name: "agent", role: CUSTOMER }) { secret } }', {}, { authorization: `Bearer ${accessToken}` });
    const secret = created.data.createApiKey.secret;
    const me = await graphql(url, '{ me { id } }', {}, { 'x-api-key': secret });
    expect(me.data).toEqual({ me: { id: user.id } });
    const bad = await graphql(url, '{ me { id } }', {}, { 'x-api-key': `${secret.slice(0, -3)}xyz` });
    expect(bad.status).toBe(401);
    expect(bad.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['depth', '{ me { addresses { id } apiKeys { id name } } } ', null],
    ['depth', 'fragment F on User { addresses { id } } { me { ...F } }', null],
    ['aliases', '{ a: me { id } b: me { id } c: me { id } d: me { id } }', 'aliases'],
    ['cost', '{ me { id name } }', null],
  ])('applies the %s limit only past it', async (limit, query, expected) => {
    const res = await graphql(url, query);
    if (expected) expect(res.errors?.[0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: expected });
    else expect(res.errors).toBeUndefined();
  });

  it('refuses an operation deeper than the limit before calling any subgraph', async () => {
    const limited = await start({ limits: { maxDepth: 2, maxAliases: 30, maxCost: 1000, maxTokens: 1000 } });
    const before = users.database.queryCount;
    const res = await graphql(`${limited.url}/graphql`, '{ me { addresses { id } } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'depth', value: 3, max: 2 });
    expect(users.database.queryCount).toBe(before);
  });

  it('refuses an operation whose estimated cost is over the limit', async () => {
    const limited = await start({ limits: { maxDepth: 10, maxAliases: 30, maxCost: 5, maxTokens: 1000 } });
    const res = await graphql(`${limited.url}/graphql`, '{ me { id name email roles createdAt addresses { id } } }');
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'cost' });
  });

  it('refuses a document with too many tokens', async () => {
    const res = await graphql(url, `{ me { ${'id '.repeat(400)} } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.errors?.[0].message).toMatch(/tokens/);
  });

  it('refuses a request body over the size limit', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ me { id } }${' '.repeat(1100 * 1024)}` }) });
    expect(res.status).toBe(413);
  });

  it('blocks simple cross-site requests (CSRF prevention)', async () => {
    const res = await fetch(`${url}?query=${encodeURIComponent('{ me { id } }')}`);
    expect(res.status).toBe(400);
    const form = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ me { id } }"}' });
    expect(form.status).toBe(400);
  });

  it('answers CORS preflights with the headers clients send', async () => {
    const res = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(204);
    const allowed = res.headers.get('access-control-allow-headers')!.split(', ');
    // `accept` too: multipart subscriptions send `subscriptionSpec="1.0"`, and a quote makes Accept non-safelisted.
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-api-key', 'accept', 'apollo-require-preflight']));
  });

  it('exposes health, readiness and Prometheus metrics', async () => {
    expect((await fetch(`${router.url}/health`)).status).toBe(200);
    expect(await (await fetch(`${router.url}/ready`)).json()).toEqual({ status: 'ready' });
    const metrics = await (await fetch(`${router.url}/metrics`)).text();
    expect(metrics).toContain('graphql_requests_total');
    expect(metrics).toContain('process_cpu_user_seconds_total');
  });

  it('turns introspection and Sandbox off in production', async () => {
    const production = await start({ production: true });
    const res = await graphql(`${production.url}/graphql`, '{ __schema { queryType { name } } }');
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const dev = await graphql(url, '{ __schema { queryType { name } } }');
    expect(dev.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const page = await fetch(`${router.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toMatch(/sandbox/i);
  });
});

async function sign({ secret = TEST_JWT_SECRET, expiresAt = Math.floor(Date.now() / 1000) + 60 } = {}) {
  return new SignJWT({ roles: ['ADMIN'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('00000000-0000-4000-8000-000000000001')
    .setIssuer('supergraph/users')
    .setAudience('supergraph')
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(secret));
}

function unsigned() {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ sub: '00000000-0000-4000-8000-000000000001', roles: ['ADMIN'], iss: 'supergraph/users', aud: 'supergraph', exp: 9999999999 })}.`;
}
