import { BODY_SIGNATURE_HEADER, signBody } from '@supergraph/auth';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, graphql, TEST_IDENTITY_SECRET, viewerHeaders } from '@supergraph/testkit';
import { startUsers } from './helpers';

describe('API keys for machine clients', () => {
  let users: RunningSubgraph;
  let messaging: Messaging;
  let url: string;
  let partnerId: string;

  const verify = async (key: string, signature = signBody(JSON.stringify({ key }), TEST_IDENTITY_SECRET)) => {
    const response = await fetch(`${users.url}/internal/api-keys/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [BODY_SIGNATURE_HEADER]: signature },
      body: JSON.stringify({ key }),
    });
    return { status: response.status, body: (await response.json()) as { viewer: unknown } };
  };

  beforeAll(async () => {
    ({ users, messaging, url } = await startUsers());
    const reg = await graphql(url, 'mutation($i: RegisterInput!) { register(input: $i) { user { id } } }', {
      i: { email: 'partner-keys@example.com', password: 'long-enough-1', name: 'P' },
    });
    partnerId = reg.data.register.user.id;
    await users.database.dataSource.query(`UPDATE app_user SET roles = '{PARTNER}' WHERE id = $1`, [partnerId]);
  });
  afterAll(async () => {
    await users?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  const CREATE = 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id name role prefix revokedAt } } }';

  it('shows the secret once, stores only its hash, and the router can resolve it to an identity', async () => {
    const res = await graphql(url, CREATE, { i: { name: 'server', role: 'PARTNER' } }, viewerHeaders(partnerId, ['PARTNER']));
    const { secret, apiKey } = res.data.createApiKey;
    expect(secret).toMatch(/^sgk_[0-9a-f]{32}_/);
    expect(apiKey).toMatchObject({ name: 'server', role: 'PARTNER', prefix: secret.slice(0, 12), revokedAt: null });
    const [row] = await users.database.dataSource.query('SELECT secret_hash FROM api_key WHERE id = $1', [apiKey.id]);
    expect(row.secret_hash).not.toContain(secret.slice(16));
    const listed = await graphql(url, '{ me { apiKeys { id prefix } } }', {}, viewerHeaders(partnerId, ['PARTNER']));
    expect(JSON.stringify(listed.data)).not.toContain(secret);
    expect(await verify(secret)).toEqual({ status: 200, body: { viewer: { kind: 'apiKey', userId: partnerId, roles: ['PARTNER'], apiKeyId: apiKey.id, issuer: 'users' } } });
  });

  it('refuses a role the caller does not hold', async () => {
    const res = await graphql(url, CREATE, { i: { name: 'sneaky', role: 'ADMIN' } }, viewerHeaders(partnerId, ['PARTNER']));
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.role' });
  });

  it('stops resolving a key once it is revoked, and only its owner may revoke it', async () => {
    const { secret, apiKey } = (await graphql(url, CREATE, { i: { name: 'temp', role: 'PARTNER' } }, viewerHeaders(partnerId, ['PARTNER']))).data.createApiKey;
    const stranger = await graphql(url, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: apiKey.id }, viewerHeaders('00000000-0000-4000-8000-0000000000aa'));
    expect(stranger.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await verify(secret)).status).toBe(200);
    const revoked = await graphql(url, 'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: apiKey.id }, viewerHeaders(partnerId, ['PARTNER']));
    expect(revoked.data.revokeApiKey.revokedAt).toEqual(expect.any(String));
    expect(await verify(secret)).toEqual({ status: 404, body: { viewer: null } });
  });

  it('answers only requests signed by the router, and never for a guessed secret', async () => {
    const { secret } = (await graphql(url, CREATE, { i: { name: 'x', role: 'PARTNER' } }, viewerHeaders(partnerId, ['PARTNER']))).data.createApiKey;
    expect((await verify(secret, 'forged')).status).toBe(401);
    expect((await verify(`${secret.slice(0, -4)}AAAA`)).status).toBe(404);
    expect((await verify('not-a-key')).status).toBe(404);
  });
});
