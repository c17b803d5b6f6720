import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql } from '@supergraph/testkit';

/**
 * The README's first command: the embedded supergraph (`npm start` runs this entry point) on
 * PGlite under a data folder. Ctrl-C stops it cleanly, and a restart keeps every account.
 */
const ROOT = join(__dirname, '..');

interface Embedded {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

function startEmbedded(dataDir: string): Promise<Embedded> {
  // PORT=0: free ports for every part; no DATABASE_URL or REDIS_URL: the embedded engines.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: join(ROOT, 'embedded'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the supergraph did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Supergraph ready: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], exited });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`the supergraph exited with ${code} before it was ready:\n${output}`)));
  });
}

/** The exit code, or 'still running' if it has not exited within 30 s of the signal. */
function exitOf({ exited }: Embedded) {
  return Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 30_000).unref())]);
}

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
  }, 240_000);
});
