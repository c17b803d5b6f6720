import { verifyAccessToken } from '@supergraph/auth';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, graphql, TEST_JWT_SECRET, viewerHeaders } from '@supergraph/testkit';
import { startUsers } from './helpers';

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      accessToken
      refreshToken
      expiresIn
      user {
        id
        email
        name
        roles
      }
    }
  }
`;
const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
      refreshToken
      user {
        id
      }
    }
  }
`;
const REFRESH = /* GraphQL */ `
  mutation Refresh($token: String!) {
    refreshToken(token: $token) {
      accessToken
      refreshToken
      user {
        id
      }
    }
  }
`;

describe('registration and sessions', () => {
  let users: RunningSubgraph;
  let messaging: Messaging;
  let url: string;

  beforeAll(async () => {
    ({ users, messaging, url } = await startUsers({ ACCESS_TOKEN_TTL_SECONDS: '300' }));
  });
  afterAll(async () => {
    await users?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('registers a customer and issues a short-lived token for them', async () => {
    const res = await graphql(url, REGISTER, { input: { email: 'Reg@Example.com', password: 'long-enough-1', name: 'Reg' } });
    expect(res.errors).toBeUndefined();
    const payload = res.data.register;
    expect(payload.user).toMatchObject({ email: 'reg@example.com', name: 'Reg', roles: ['CUSTOMER'] });
    expect(payload.expiresIn).toBe(300);
    const { viewer, expiresAt } = await verifyAccessToken(payload.accessToken, TEST_JWT_SECRET);
    expect(viewer).toEqual({ kind: 'user', userId: payload.user.id, roles: ['CUSTOMER'] });
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(300_000);
  });

  it.each([
    [{ email: 'not-an-email', password: 'long-enough-1', name: 'X' }, 'input.email'],
    [{ email: 'weak@example.com', password: 'short1', name: 'X' }, 'input.password'],
    [{ email: 'weak2@example.com', password: 'onlyletterslong', name: 'X' }, 'input.password'],
    [{ email: 'noname@example.com', password: 'long-enough-1', name: '  ' }, 'input.name'],
  ])('refuses bad registration input %j and creates no account', async (input, field) => {
    const res = await graphql(url, REGISTER, { input });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const [{ count }] = await users.database.dataSource.query('SELECT count(*)::int AS count FROM app_user WHERE email = $1', [input.email.toLowerCase()]);
    expect(count).toBe(0);
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    await graphql(url, REGISTER, { input: { email: 'dup@example.com', password: 'long-enough-1', name: 'A' } });
    const res = await graphql(url, REGISTER, { input: { email: 'DUP@example.com', password: 'long-enough-1', name: 'B' } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.email' });
  });

  it('logs in with the right password only, with the same answer for an unknown email', async () => {
    await graphql(url, REGISTER, { input: { email: 'login@example.com', password: 'long-enough-1', name: 'L' } });
    const ok = await graphql(url, LOGIN, { input: { email: 'login@example.com', password: 'long-enough-1' } });
    expect(ok.data.login.accessToken).toEqual(expect.any(String));
    const wrong = await graphql(url, LOGIN, { input: { email: 'login@example.com', password: 'wrong-password-1' } });
    const unknown = await graphql(url, LOGIN, { input: { email: 'nobody@example.com', password: 'long-enough-1' } });
    expect(wrong.data).toBeNull();
    expect(wrong.errors?.[0]).toMatchObject({ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } });
    expect(unknown.errors?.[0]).toMatchObject({ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('locks an account after five failed logins', async () => {
    await graphql(url, REGISTER, { input: { email: 'guess@example.com', password: 'long-enough-1', name: 'G' } });
    for (let i = 0; i < 5; i++) await graphql(url, LOGIN, { input: { email: 'guess@example.com', password: `wrong-guess-${i}` } });
    const res = await graphql(url, LOGIN, { input: { email: 'guess@example.com', password: 'long-enough-1' } });
    expect(res.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  });

  it('rotates refresh tokens, and a reused one revokes the whole session', async () => {
    const reg = await graphql(url, REGISTER, { input: { email: 'rotate@example.com', password: 'long-enough-1', name: 'R' } });
    const first = reg.data.register.refreshToken;
    const second = (await graphql(url, REFRESH, { token: first })).data.refreshToken;
    expect(second.refreshToken).not.toBe(first);
    const third = (await graphql(url, REFRESH, { token: second.refreshToken })).data.refreshToken;
    // The first token is spent: presenting it again looks like theft.
    const reuse = await graphql(url, REFRESH, { token: first });
    expect(reuse.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // ...and the newest token of that family no longer works either.
    const after = await graphql(url, REFRESH, { token: third.refreshToken });
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // A separate login is a separate family and still works.
    const other = await graphql(url, LOGIN, { input: { email: 'rotate@example.com', password: 'long-enough-1' } });
    expect((await graphql(url, REFRESH, { token: other.data.login.refreshToken })).errors).toBeUndefined();
  });

  it('logs out: the refresh token stops working', async () => {
    const reg = await graphql(url, REGISTER, { input: { email: 'bye@example.com', password: 'long-enough-1', name: 'B' } });
    const token = reg.data.register.refreshToken;
    const out = await graphql(
      url,
      `
        mutation ($t: String!) {
          logout(refreshToken: $t)
        }
      `,
      { t: token },
    );
    expect(out.data).toEqual({ logout: true });
    expect((await graphql(url, REFRESH, { token })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows me to myself and refuses other users to customers', async () => {
    const a = (await graphql(url, REGISTER, { input: { email: 'me-a@example.com', password: 'long-enough-1', name: 'A' } })).data.register.user;
    const b = (await graphql(url, REGISTER, { input: { email: 'me-b@example.com', password: 'long-enough-1', name: 'B' } })).data.register.user;
    const me = await graphql(url, '{ me { id email } }', {}, viewerHeaders(a.id));
    expect(me.data).toEqual({ me: { id: a.id, email: 'me-a@example.com' } });
    const other = await graphql(url, 'query($id: ID!) { user(id: $id) { id email } }', { id: b.id }, viewerHeaders(a.id));
    expect(other.data).toEqual({ user: null });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const admin = await graphql(url, 'query($id: ID!) { user(id: $id) { id email } }', { id: b.id }, viewerHeaders(a.id, ['ADMIN']));
    expect(admin.data).toEqual({ user: { id: b.id, email: 'me-b@example.com' } });
    expect((await graphql(url, '{ me { id } }')).data).toEqual({ me: null });
  });

  it('refuses identity headers that the router did not sign', async () => {
    const forged = { ...viewerHeaders('00000000-0000-4000-8000-000000000001', ['ADMIN']) };
    forged['x-supergraph-viewer'] = Buffer.from(JSON.stringify({ kind: 'user', userId: 'x', roles: ['ADMIN'], iat: Date.now() })).toString('base64url');
    const res = await graphql(url, '{ me { id } }', {}, forged);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
