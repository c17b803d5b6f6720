import { spawn, type ChildProcess } from 'node:child_process';
import { networkGuardEnv } from './network-guard';
import { join } from 'node:path';

/**
 * The README's first command: the embedded supergraph (`npm start` runs this entry point) as a
 * child process, on free ports (PORT=0), with the embedded engines (no DATABASE_URL or REDIS_URL)
 * under `dataDir`. `env` adds to (or overrides) that environment, e.g. NODE_ENV=production.
 */
const ROOT = join(__dirname, '../..');

export interface Embedded {
  child: ChildProcess;
  /** The router's `/graphql` URL. */
  url: string;
  /** Each subgraph's base URL, by name, as the start-up banner lists them. */
  subgraphs: Record<string, string>;
  /** Everything the process printed until it was ready. */
  output: string;
  exited: Promise<number | null>;
}

export function startEmbedded(dataDir: string, env: Record<string, string> = {}): Promise<Embedded> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: join(ROOT, 'embedded'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...networkGuardEnv(), PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let output = '';
    // Three PGlite databases migrating at once: over a minute on a busy 2-core machine.
    const timer = setTimeout(() => reject(new Error(`the supergraph did not start:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // The banner is written at once; its last line says it is complete.
      const match = /Supergraph ready: (\S+)[\s\S]*Subgraphs:\s+(.*)\n[\s\S]*Ctrl-C stops everything/.exec(output);
      if (match) {
        clearTimeout(timer);
        const subgraphs = Object.fromEntries(match[2].split(', ').map((entry) => entry.trim().split(' ') as [string, string]));
        resolve({ child, url: match[1], subgraphs, output, exited });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the supergraph exited with ${code} before it was ready:\n${output}`));
    });
  });
}

/** The exit code, or 'still running' if it has not exited within 30 s (of a signal, say). */
export function exitOf({ exited }: Embedded) {
  return Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 30_000).unref())]);
}
