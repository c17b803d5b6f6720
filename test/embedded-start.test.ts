import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql } from '@supergraph/testkit';
import { exitOf, startEmbedded, type Embedded } from './helpers/embedded';

/**
 * The README's first command: the embedded supergraph (`npm start` runs this entry point) on
 * PGlite under a data folder. Ctrl-C stops it cleanly, and a restart keeps every account.
 */
describe('npm start (the embedded default)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'embedded-start-'));
  const started: Embedded[] = [];
  afterAll(() => {
    for (const { child } of started) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops cleanly on Ctrl-C and keeps every account across a restart', async () => {
    const first = await startEmbedded(dataDir);
    started.push(first);
    const email = `restart-${Date.now()}@example.com`;
    const registered = await graphql(first.url, 'mutation($i: RegisterInput!) { register(input: $i) { user { email } } }', {
      i: { email, password: 'long-enough-1', name: 'Kept' },
    });
    expect(registered.data).toEqual({ register: { user: { email } } });
    const { data: seeded } = await graphql(first.url, '{ categories { id } }');

    first.child.kill('SIGINT');
    expect(await exitOf(first)).toBe(0);

    const second = await startEmbedded(dataDir);
    started.push(second);
    const login = await graphql(second.url, 'mutation($i: LoginInput!) { login(input: $i) { user { email name } } }', {
      i: { email, password: 'long-enough-1' },
    });
    expect(login.data).toEqual({ login: { user: { email, name: 'Kept' } } });
    // Seeded once: the restart found the demo catalogue and added nothing.
    expect((await graphql(second.url, '{ categories { id } }')).data).toEqual(seeded);
    second.child.kill('SIGINT');
    expect(await exitOf(second)).toBe(0);
  }, 420_000);
});
