import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { networkGuardEnv } from '../../../test/helpers/network-guard';

const WEB = join(__dirname, '..');
const VITE = join(WEB, '../../node_modules/vite/bin/vite.js');

function run(args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, [VITE, ...args], {
    cwd: WEB,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...networkGuardEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function output(child: ChildProcess) {
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
}

/** `vite build` of the app into `outDir` (relative to clients/web): test files running at once each build their own. */
export function buildApp(outDir = 'dist'): Promise<void> {
  const child = run(['build', '--logLevel', 'warn', '--outDir', outDir]);
  const text = output(child);
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}:\n${text()}`)))));
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });

/** `vite preview` of the build, its /graphql proxied to `routerUrl`'s origin (HTTP and WebSocket). */
export async function previewApp(routerUrl: string, outDir = 'dist'): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const child = run(['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir], { SUPERGRAPH_URL: new URL(routerUrl).origin });
  const text = output(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vite preview did not start:\n${text()}`)), 30_000);
    const check = () => text().includes(`:${port}`) && (clearTimeout(timer), resolve());
    child.stdout?.on('data', check);
    void exited.then(() => reject(new Error(`vite preview exited:\n${text()}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      child.kill();
      await exited;
    },
  };
}
