import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mintApiKey, verifyBodySignature, type ApiKeyIssuer } from '@supergraph/auth';
import { testLogger, TEST_IDENTITY_SECRET } from '@supergraph/testkit';
import { ApiKeyVerifier } from '../src/apiKeys';

/**
 * Each API key is verified by the subgraph that issued it, named by the key's prefix. Two small HTTP
 * servers stand in for the issuers' `/internal/api-keys/verify` routes: what is under test is the
 * router's choice of issuer, its signature, its cache and what it trusts of an answer.
 */
describe('router: API keys go to their issuer', () => {
  const asked: { issuer: string; key: string }[] = [];
  const servers: Server[] = [];
  const urls = new Map<string, string>();

  async function issuer(name: string, answer: (key: string) => object | null) {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (!verifyBodySignature(body, req.headers['x-supergraph-body-signature'] as string, TEST_IDENTITY_SECRET)) return res.writeHead(401).end('{}');
        const { key } = JSON.parse(body) as { key: string };
        asked.push({ issuer: name, key });
        const viewer = answer(key);
        res.writeHead(viewer ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify({ viewer }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls.set(name, `http://127.0.0.1:${(server.address() as AddressInfo).port}/internal/api-keys/verify`);
  }

  const agentKey = mintApiKey('sgb');
  const partnerKey = mintApiKey('sgk');
  beforeAll(async () => {
    await issuer('users', (key) => (key === partnerKey.secret ? { kind: 'apiKey', userId: 'u-partner', roles: ['PARTNER'], apiKeyId: partnerKey.id, issuer: 'users' } : null));
    // A careless issuer that claims a user identity and another issuer: the router stamps its own.
    await issuer('backups', (key) => (key === agentKey.secret ? { kind: 'user', userId: 'u-owner', roles: [], apiKeyId: agentKey.id, issuer: 'users' } : null));
  });
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  const verifier = () => new ApiKeyVerifier((name: ApiKeyIssuer) => urls.get(name), TEST_IDENTITY_SECRET, testLogger);

  it('asks the issuer named by the prefix, and marks the identity with that issuer', async () => {
    asked.length = 0;
    const keys = verifier();
    expect(await keys.verify(agentKey.secret)).toEqual({ kind: 'apiKey', userId: 'u-owner', roles: [], apiKeyId: agentKey.id, issuer: 'backups' });
    expect(await keys.verify(partnerKey.secret)).toEqual({ kind: 'apiKey', userId: 'u-partner', roles: ['PARTNER'], apiKeyId: partnerKey.id, issuer: 'users' });
    expect(asked).toEqual([
      { issuer: 'backups', key: agentKey.secret },
      { issuer: 'users', key: partnerKey.secret },
    ]);
    await keys.verify(agentKey.secret);
    expect(asked).toHaveLength(2);
  });

  it('refuses without asking anyone a key of no known shape, or whose issuer is not in the supergraph', async () => {
    asked.length = 0;
    const keys = verifier();
    expect(await keys.verify('sk_live_anything')).toBeNull();
    expect(await keys.verify(mintApiKey('sgt').secret)).toBeNull();
    expect(asked).toEqual([]);
    expect(await keys.verify(mintApiKey('sgb').secret)).toBeNull();
    expect(asked.map((a) => a.issuer)).toEqual(['backups']);
  });
});
