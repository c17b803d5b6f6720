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

/**
 * Each test file builds and previews its own copy (`dist/test-<name>`): jest runs the files in
 * parallel workers, and Vite's process lock (one build, one preview per project) is bypassed
 * because these never share an output folder or a port.
 */
const outDir = (name: string) => `dist/test-${name}`;

/** `vite build` of the app into dist/test-<name>. */
export function buildApp(name: string): Promise<void> {
  const child = run(['build', '--logLevel', 'warn', '--outDir', outDir(name), '--bypass-lock']);
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

/** `vite preview` of `buildApp(name)`, its /graphql proxied to `routerUrl`'s origin (HTTP and WebSocket). */
export async function previewApp(name: string, routerUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const child = run(['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir(name), '--bypass-lock'], { SUPERGRAPH_URL: new URL(routerUrl).origin });
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
