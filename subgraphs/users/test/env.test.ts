import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql, TEST_IDENTITY_SECRET, TEST_JWT_SECRET } from '@supergraph/testkit';
import { spawnService, stopAllServices } from '../../../test/helpers/processes';

/** The users subgraph as its own process (`src/index.ts`), on an embedded database of its own. */
describe('the users subgraph reads its environment through a validated schema', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'users-env-'));
  // Each case starts a process from the sources (tsx, then PGlite): slow on a busy machine.
  const START_MS = 100_000;
  const env = (extra: Record<string, string>) => ({ PORT: '0', DATA_DIR: dataDir, IDENTITY_SECRET: TEST_IDENTITY_SECRET, JWT_SECRET: TEST_JWT_SECRET, ...extra });

  afterAll(async () => {
    await stopAllServices();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start when ACCESS_TOKEN_TTL_SECONDS is not a number, and says which variable is wrong', async () => {
    await expect(spawnService('users', 'subgraphs/users', env({ ACCESS_TOKEN_TTL_SECONDS: 'abc' }), START_MS)).rejects.toThrow(
      /users exited with 1:[\s\S]*Invalid environment:\s+ACCESS_TOKEN_TTL_SECONDS: must be a number of seconds/,
    );
  }, 120_000);

  it('refuses a lifetime of 0 seconds', async () => {
    await expect(spawnService('users', 'subgraphs/users', env({ ACCESS_TOKEN_TTL_SECONDS: '0' }), START_MS)).rejects.toThrow(/ACCESS_TOKEN_TTL_SECONDS: must be more than 0/);
  }, 120_000);

  it('issues access tokens that live ACCESS_TOKEN_TTL_SECONDS', async () => {
    const users = await spawnService('users', 'subgraphs/users', env({ ACCESS_TOKEN_TTL_SECONDS: '120' }), START_MS);
    const res = await graphql(`${users.url}/graphql`, 'mutation($i: RegisterInput!) { register(input: $i) { expiresIn } }', {
      i: { email: 'ttl@example.com', password: 'long-enough-1', name: 'TTL' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ register: { expiresIn: 120 } });
  }, 120_000);
});
