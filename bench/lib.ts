// Helpers shared by the benches (bench/subscription-fanout.ts, bench/own-supergraph.ts and the
// client processes of the former): the subgraphs (bench/subscription-subgraphs.ts) and the router
// as child processes, a GraphQL POST, percentiles, a clock comparable across processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');
export const SECRETS = { IDENTITY_SECRET: 'bench-identity-secret-0123456789abcdef', JWT_SECRET: 'bench-jwt-secret-0123456789abcdef0123' };
export const routerUrl = (port: number) => `http://127.0.0.1:${port}/graphql`;

/** Wall-clock ms (performance.timeOrigin + now()): comparable across processes. */
export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The p-th percentile of ascending values; NaN when there are none. */
export const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

/** POSTs a GraphQL operation; throws on `errors`, returns `data`. */
export async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Every child process started by a bench (its cleanup stops them). */
export const children: ChildProcess[] = [];

/** SIGTERM, then SIGKILL if it has not exited within 5 s. */
export async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const exited = await Promise.race([new Promise((r) => child.once('exit', () => r(true))), sleep(5000).then(() => false)]);
  if (!exited) child.kill('SIGKILL');
}

/** The three subgraphs in one process (fresh PGlite data in dataDir); resolves once it prints their URLs. */
export async function startSubgraphs(dataDir: string): Promise<{ child: ChildProcess; urls: Record<string, string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/subscription-subgraphs.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, ...SECRETS },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const urls = await new Promise<Record<string, string>>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line).subgraphs);
    });
    child.once('exit', (code) => reject(new Error(`subgraphs exited with ${code}`)));
  });
  return { child, urls };
}

/** A router process on 127.0.0.1:port in front of the given subgraphs; resolves once it answers (60 s at most). */
export async function startRouter(subgraphs: Record<string, string>, port: number, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: join(ROOT, 'router'),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      ...SECRETS,
      ...Object.fromEntries(Object.entries(subgraphs).map(([name, url]) => [`SUBGRAPH_${name.toUpperCase()}_URL`, url])),
      ...extraEnv,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`router exited with ${child.exitCode}`);
    try {
      await gql(routerUrl(port), '{ __typename }');
      return child;
    } catch {
      if (Date.now() > until) throw new Error('router did not start within 60 s');
      await sleep(200);
    }
  }
}
