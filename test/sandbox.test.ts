import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTestResources, testLogger, TEST_IDENTITY_SECRET, TEST_JWT_SECRET } from '@supergraph/testkit';
import { DEFAULT_LIMITS } from '../router/src/limits';
import { startRouter } from '../router/src/server';
import { startTestSupergraph, type TestSupergraph } from './helpers/supergraph';

/**
 * Apollo Sandbox is what a developer opening the router's /graphql in a browser gets: it must open
 * with operations that run as they are, and explain the Authorization header. Production serves
 * no page at all.
 */
interface SandboxConfig {
  initialState: { document: string; headers: Record<string, string> };
}

async function landingPage(url: string) {
  const response = await fetch(url, { headers: { accept: 'text/html' } });
  return { status: response.status, contentType: response.headers.get('content-type'), html: await response.text() };
}

/** The configuration Apollo Server's page hands to Sandbox, as the browser would read it. */
function sandboxConfig(html: string): SandboxConfig {
  const json = /var embeddedSandboxConfig = (\{.*\});/.exec(html)?.[1];
  if (!json) throw new Error(`no Sandbox configuration in the page:\n${html}`);
  return JSON.parse(json) as SandboxConfig;
}

/** Runs one operation of the document the way Sandbox does: the whole document, an operation name, Sandbox's headers. */
async function run(url: string, document: string, operationName: string, headers: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: document, operationName }) });
  return response.json() as Promise<{ data?: any; errors?: unknown[] }>;
}

describe('Apollo Sandbox on the router', () => {
  let sg: TestSupergraph;

  beforeAll(async () => {
    sg = await startTestSupergraph();
  });
  afterAll(async () => {
    await sg?.close();
    await cleanupTestResources();
  });

  it('opens in development with example operations that run as they are, and the Authorization header explained', async () => {
    const page = await landingPage(sg.url);
    expect(page.status).toBe(200);
    const { document, headers } = sandboxConfig(page.html).initialState;
    expect(headers).toEqual({ Authorization: '' });
    expect(document).toContain('set Authorization to "Bearer <accessToken>"');

    // The catalogue runs with the headers as Sandbox opens: the empty Authorization is anonymous.
    const catalogue = await run(sg.url, document, 'Catalogue', headers);
    expect(catalogue.errors).toBeUndefined();
    expect(catalogue.data.products.edges).toHaveLength(5);
    const prices = catalogue.data.products.edges.map((e: { node: { price: { amount: number } } }) => e.node.price.amount);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));

    // Me without a token is null; with the one Login hands out, the demo customer.
    expect(await run(sg.url, document, 'Me', headers)).toEqual({ data: { me: null } });
    const login = await run(sg.url, document, 'Login', headers);
    expect(login.errors).toBeUndefined();
    const me = await run(sg.url, document, 'Me', { ...headers, Authorization: `Bearer ${login.data.login.accessToken}` });
    expect(me.errors).toBeUndefined();
    expect(me.data.me).toMatchObject({ email: 'customer@example.com', orders: { edges: expect.any(Array) } });
  });

  it('serves no page, and so no example, in production', async () => {
    const supergraphSdl = readFileSync(join(__dirname, '../schema/supergraph.graphql'), 'utf8');
    const router = await startRouter({ supergraphSdl, identitySecret: TEST_IDENTITY_SECRET, jwtSecret: TEST_JWT_SECRET, logger: testLogger, limits: DEFAULT_LIMITS, production: true });
    try {
      const page = await landingPage(`${router.url}/graphql`);
      expect(page.status).toBe(400);
      expect(page.contentType).toMatch(/^application\/json/);
      expect(page.html).not.toMatch(/sandbox|Catalogue|Authorization/i);
    } finally {
      await router.close();
    }
  });
});
