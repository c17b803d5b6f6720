import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { networkGuardEnv } from './network-guard';

const ROOT = join(__dirname, '../..');

export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** The base URL (without /graphql). */
  /** SIGKILL: the process dies at once, mid-work, as in a crash. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

const running = new Set<ServiceProcess>();

/**
 * Starts a workspace as its own process (by default from its sources, `node --import tsx
 * src/index.ts` in the workspace: one process, so that SIGKILL really kills it; `nodeArgs` such as
 * `['dist/index.js']` run its build as the container does), and waits for its "listening" log line
 * to learn its URL (ports are 0: picked by the OS).
 */
export async function spawnService(
  name: string,
  workspaceDir: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
  nodeArgs: string[] = ['--import', 'tsx', 'src/index.ts'],
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: join(ROOT, workspaceDir),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...networkGuardEnv(), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in time:\n${lines.join('\n')}`)), timeoutMs);
    const onLine = (line: string) => {
      lines.push(line);
      if (lines.length > 200) lines.shift();
      try {
        const entry = JSON.parse(line);
        if (typeof entry.msg === 'string' && entry.msg.endsWith('listening') && entry.url) {
          clearTimeout(timer);
          resolve(String(entry.url).replace(/\/graphql$/, ''));
        }
      } catch {
        /* not a log line */
      }
    };
    createInterface({ input: child.stderr }).on('line', onLine);
    createInterface({ input: child.stdout }).on('line', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${lines.join('\n')}`));
    });
  });
  const service: ServiceProcess = {
    name,
    url,
    child,
    crash: async () => {
      running.delete(service);
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      running.delete(service);
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      // A clean stop drains within seconds; past that, the test must not hang on it.
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(service);
  return service;
}

export async function stopAllServices() {
  await Promise.all([...running].map((s) => s.stop()));
}
