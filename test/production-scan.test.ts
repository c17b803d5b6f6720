import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql } from '@supergraph/testkit';
import { PRODUCTION_TEST_ENV, routerProcessEnv } from './helpers/compose';
import { startEmbedded, type Embedded } from './helpers/embedded';
import { spawnService, stopAllServices, type ServiceProcess } from './helpers/processes';

/**
 * What a scanner in the style of graphql-cop finds, replayed against the entry points started as
 * production: the router on its own (a process, as docker-compose runs it) and `npm start` (the
 * embedded entry point, a process with NODE_ENV=production). The router process serves the
 * embedded process's subgraphs, so one set of subgraphs serves both; the checks that concern any
 * GraphQL server (introspection, suggestions, landing page, traces, stack traces, CSRF) run against
 * a subgraph too. Every check must be refused, and each says how.
 */

interface Target {
  name: string;
  /** The GraphQL endpoint. */
  url: string;
  /** A signed-in user's token (subscriptions need credentials). */
  token?: string;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
  body: any;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, contentType, text, body };
}

const post = (t: Target, body: unknown, headers: Record<string, string> = {}) =>
  fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(answer);
const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers }).then(answer);
const withQuery = (t: Target, query: string) => `${t.url}?${new URLSearchParams({ query }).toString()}`;

/** A refusal: the status, one error (or more) with this code, and no data. */
function refused(a: Answer, status: number, code: string, extensions: Record<string, unknown> = {}) {
  expect({ status: a.status, data: a.body?.data ?? null }).toEqual({ status, data: null });
  expect(a.body.errors[0].extensions).toMatchObject({ code, ...extensions });
}

const repeat = (n: number, text: string) => Array.from({ length: n }, (_, i) => text.replace('$i', String(i))).join(' ');
/** categories → products → edges → node → category → …: 18 levels of fields. */
const DEEP = `{ categories { ${'products { edges { node { category { '.repeat(4)} id ${'} } } } '.repeat(4)} } }`;

interface Check {
  name: string;
  /** Also run against a subgraph: checks that concern any GraphQL server, not the router's limits. */
  subgraph?: boolean;
  run(t: Target): Promise<void>;
}

const checks: Check[] = [
  {
    name: 'alias overloading: 101 aliases of __typename',
    run: async (t) => refused(await post(t, { query: `query cop { ${repeat(101, 'alias$i: __typename')} }` }), 400, 'OPERATION_LIMIT_EXCEEDED', { limit: 'aliases' }),
  },
  {
    name: 'array-based batching: 10 operations in one request',
    run: async (t) => {
      const a = await post(
        t,
        Array.from({ length: 10 }, () => ({ query: 'query cop { __typename }' })),
      );
      expect(Array.isArray(a.body)).toBe(false);
      refused(a, 400, 'BAD_REQUEST');
      expect(a.body.errors[0].message).toMatch(/batching disabled/i);
    },
  },
  {
    name: 'field duplication: 500 × __typename',
    run: async (t) => refused(await post(t, { query: `query cop { ${repeat(500, '__typename')} }` }), 400, 'OPERATION_LIMIT_EXCEEDED', { limit: 'fieldRepetitions', field: '__typename', max: 10 }),
  },
  {
    name: 'field duplication through fragments: one fragment spread 11 times',
    run: async (t) =>
      refused(await post(t, { query: `{ categories { ${repeat(11, '...F')} } } fragment F on Category { name }` }), 400, 'OPERATION_LIMIT_EXCEEDED', {
        limit: 'fieldRepetitions',
        field: 'name',
      }),
  },
  {
    name: 'field duplication over SSE (subscription admission): 500 × name',
    run: async (t) => {
      const response = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${t.token}` },
        body: JSON.stringify({ query: `{ categories { ${repeat(500, 'name')} } }` }),
      });
      const text = await response.text();
      expect(text).toContain('"code":"OPERATION_LIMIT_EXCEEDED"');
      expect(text).toContain('"limit":"fieldRepetitions"');
      expect(text).not.toContain('"data"');
    },
  },
  {
    name: 'directive overloading: 10 × @aa on one field',
    run: async (t) => {
      const a = await post(t, { query: 'query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }' });
      refused(a, 400, 'OPERATION_LIMIT_EXCEEDED', { limit: 'directives', field: '__typename', value: 10, max: 5 });
      expect(a.body.errors).toHaveLength(1); // graphql-cop counts ten "Unknown directive" errors
    },
  },
  {
    name: 'token limit: 6,000 tokens',
    run: async (t) => {
      const a = await post(t, { query: `{ ${repeat(3000, 'a$i: __typename')} }` });
      refused(a, 400, 'GRAPHQL_PARSE_FAILED');
      expect(a.body.errors[0].message).toMatch(/5000 tokens/);
    },
  },
  {
    name: 'depth: 18 levels',
    run: async (t) => refused(await post(t, { query: DEEP }), 400, 'OPERATION_LIMIT_EXCEEDED', { limit: 'depth', max: 15 }),
  },
  {
    name: 'circular fragments',
    run: async (t) => {
      const a = await post(t, { query: 'query cop { ...A } fragment A on Query { ...B } fragment B on Query { ...A }' });
      refused(a, 400, 'GRAPHQL_VALIDATION_FAILED');
      expect(a.body.errors[0].message).toMatch(/Cannot spread fragment "A" within itself/);
    },
  },
  {
    name: 'introspection: __schema',
    subgraph: true,
    run: async (t) => refused(await post(t, { query: 'query cop { __schema { types { name fields { name } } } }' }), 400, 'GRAPHQL_VALIDATION_FAILED'),
  },
  {
    name: 'introspection: __type',
    subgraph: true,
    run: async (t) => refused(await post(t, { query: 'query cop { __type(name: "Query") { name fields { name } } }' }), 400, 'GRAPHQL_VALIDATION_FAILED'),
  },
  {
    name: 'field suggestions: misspelt fields and a misspelt enum value',
    subgraph: true,
    run: async (t) => {
      const fields = await post(t, { query: '{ categorie { id } mee { id } }' });
      refused(fields, 400, 'GRAPHQL_VALIDATION_FAILED');
      expect(fields.body.errors.map((e: { message: string }) => e.message)).toContainEqual(expect.stringMatching(/Cannot query field "mee" on type "Query"\.$/));
      expect(fields.text).not.toMatch(/Did you mean/);
      // Variables are coerced after validation: Apollo's own suggestion hiding does not reach them.
      const variable = await post(t, { query: 'query($s: ProductSortField!) { products(sort: { field: $s }) { totalCount } }', variables: { s: 'PRICEE' } });
      expect(variable.status).toBe(400);
      expect(variable.text).not.toMatch(/Did you mean/);
    },
  },
  {
    name: 'landing page: GET /graphql with Accept: text/html',
    subgraph: true,
    run: async (t) => {
      const a = await get(t.url, { accept: 'text/html' });
      refused(a, 400, 'BAD_REQUEST');
      expect(a.contentType).toMatch(/^application\/json/);
      expect(a.text).not.toMatch(/<html|sandbox|apollographql/i);
    },
  },
  {
    name: 'landing pages: GET /, /graphiql, /playground, /altair, /sandbox with Accept: text/html',
    run: async (t) => {
      for (const path of ['/', '/graphiql', '/playground', '/altair', '/sandbox']) {
        const a = await get(new URL(path, t.url).toString(), { accept: 'text/html' });
        expect({ path, status: a.status, json: a.contentType.startsWith('application/json') }).toEqual({ path, status: 404, json: true });
      }
    },
  },
  {
    name: 'tracing: no extensions.tracing or ftv1, even with apollo-federation-include-trace: ftv1',
    subgraph: true,
    run: async (t) => {
      const a = await post(t, { query: 'query cop { __typename }' }, { 'apollo-federation-include-trace': 'ftv1' });
      expect({ status: a.status, data: a.body.data }).toEqual({ status: 200, data: { __typename: 'Query' } });
      expect(a.body.extensions?.tracing).toBeUndefined();
      expect(a.body.extensions?.ftv1).toBeUndefined();
    },
  },
  {
    name: 'stack traces: a syntax error and a variable of the wrong type carry none',
    subgraph: true,
    run: async (t) => {
      const syntax = await post(t, { query: '{ categories { ' });
      refused(syntax, 400, 'GRAPHQL_PARSE_FAILED');
      const badVariable = await post(t, { query: 'query($b: Boolean!) { __typename @skip(if: $b) }', variables: { b: 'not a boolean' } });
      refused(badVariable, 400, 'BAD_USER_INPUT');
      for (const a of [syntax, badVariable]) {
        expect(a.text).not.toMatch(/stacktrace|\s+at \S+ \(/);
      }
    },
  },
  {
    name: 'mutation over GET (with the preflight header, so CSRF prevention is not what stops it)',
    subgraph: true,
    run: async (t) => {
      const a = await get(withQuery(t, 'mutation cop { __typename }'), { 'apollo-require-preflight': 'true' });
      refused(a, 405, 'BAD_REQUEST');
      expect(a.body.errors[0].message).toMatch(/GET requests only support query operations/);
    },
  },
  {
    name: 'mutation as a url-encoded POST',
    subgraph: true,
    run: async (t) => {
      const response = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ query: 'mutation cop { __typename }' }).toString(),
      });
      refused(await answer(response), 400, 'BAD_REQUEST');
    },
  },
  {
    name: 'CSRF: a simple GET query and a text/plain POST, without a preflight header',
    subgraph: true,
    run: async (t) => {
      const simpleGet = await get(withQuery(t, 'query cop { __typename }'));
      const textPlain = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: 'query cop { __typename }' }) }).then(answer);
      for (const a of [simpleGet, textPlain]) {
        refused(a, 400, 'BAD_REQUEST');
        expect(a.body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
      }
    },
  },
  {
    name: 'body size: 300 KB, over MAX_BODY_BYTES (256 KB)',
    run: async (t) => {
      const a = await post(t, { query: '{ __typename }', variables: { padding: 'x'.repeat(300 * 1024) } });
      refused(a, 413, 'BAD_REQUEST');
    },
  },
];

describe('a graphql-cop style scan of the production entry points', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'production-scan-'));
  const production = { NODE_ENV: 'production', ...PRODUCTION_TEST_ENV };
  let embedded: Embedded;
  let router: ServiceProcess;
  const targets: Record<string, Target> = {};

  beforeAll(async () => {
    embedded = await startEmbedded(dataDir, production);
    // The router on its own, with the environment docker-compose gives it, over the same subgraphs.
    router = await spawnService('router', 'router', routerProcessEnv(embedded.subgraphs));
    targets.router = { name: 'router', url: `${router.url}/graphql` };
    targets.embedded = { name: 'embedded', url: embedded.url };
    targets.subgraph = { name: 'users subgraph', url: `${embedded.subgraphs.users}/graphql` };
    const registered = await graphql(embedded.url, 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', {
      i: { email: `scan-${Date.now()}@example.com`, password: 'long-enough-1', name: 'Scanner' },
    });
    targets.router.token = targets.embedded.token = registered.data.register.accessToken;
  }, 300_000);

  afterAll(async () => {
    await stopAllServices();
    if (embedded?.child.exitCode === null) {
      embedded.child.kill('SIGTERM');
      await Promise.race([embedded.exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      if (embedded.child.exitCode === null) embedded.child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  describe.each(['router', 'embedded'])('against the %s', (target) => {
    it.each(checks.map((c) => [c.name, c] as const))('refuses %s', async (_name, check) => {
      await check.run(targets[target]);
    });
  });

  describe('against a subgraph', () => {
    it.each(checks.filter((c) => c.subgraph).map((c) => [c.name, c] as const))('refuses %s', async (_name, check) => {
      await check.run(targets.subgraph);
    });
  });

  it('seeds no demo data in production: no demo account, no demo catalogue', async () => {
    const login = await graphql(embedded.url, 'mutation { login(input: { email: "customer@example.com", password: "Demo-Password-1" }) { accessToken } }');
    expect(login.data).toBeNull();
    expect(login.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await graphql(embedded.url, '{ categories { id } }')).data).toEqual({ categories: [] });
    expect(embedded.output).not.toMatch(/Demo accounts|Demo-Password|Apollo Sandbox/);
  });
});

describe('production start-up refuses what production forbids', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'production-refusal-'));
  afterAll(async () => {
    await stopAllServices(); // only if one started after all, which fails its test
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Each process fails while reading its environment, before it opens a database or a port.
  const entryPoints: [string, (env: Record<string, string>) => Promise<unknown>][] = [
    ['the embedded entry point', (env) => startEmbedded(dataDir, env)],
    ['the router', (env) => spawnService('router', 'router', { PORT: '0', ...env })],
    ['a subgraph', (env) => spawnService('users', 'subgraphs/users', { PORT: '0', DATA_DIR: dataDir, ...env })],
  ];
  const cases: [string, Record<string, string>, RegExp[]][] = [
    ['without secrets', { NODE_ENV: 'production' }, [/IDENTITY_SECRET is required in production/, /JWT_SECRET is required in production/]],
    [
      'with the development secrets published in this repository',
      { NODE_ENV: 'production', IDENTITY_SECRET: 'dev-identity-secret-change-me-0123456789', JWT_SECRET: 'dev-jwt-secret-change-me-0123456789abcdef' },
      [/IDENTITY_SECRET is the development default/, /JWT_SECRET is the development default/],
    ],
  ];

  it.each(entryPoints.flatMap(([name, start]) => cases.map(([label, env, messages]) => [name, label, start, env, messages] as const)))(
    '%s does not start %s',
    async (_name, _label, start, env, messages) => {
      const error = await start(env).then(
        () => new Error('it started'),
        (e: Error) => e,
      );
      for (const message of messages) expect(error.message).toMatch(message);
    },
    120_000,
  );

  it.each([
    ['the embedded entry point', entryPoints[0][1]],
    ['a subgraph', entryPoints[2][1]],
  ] as const)(
    '%s does not start with SEED_DEMO_DATA=true',
    async (_name, start) => {
      const error = await start({ NODE_ENV: 'production', ...PRODUCTION_TEST_ENV, SEED_DEMO_DATA: 'true' }).then(
        () => new Error('it started'),
        (e: Error) => e,
      );
      expect(error.message).toMatch(/SEED_DEMO_DATA is refused in production/);
    },
    120_000,
  );
});
