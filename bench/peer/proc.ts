// Process plumbing for the peer benchmark: free ports, child processes in their own process group
// (a gateway may fork workers; the group is what gets measured and stopped), CPU and memory of a
// group from /proc, and waiting for a GraphQL endpoint.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A port that was free a moment ago (the kernel's pick for port 0): never a fixed range that another run may hold. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const started: ChildProcess[] = [];

/**
 * Starts `command args` in a new process group, its stdout readable (firstJsonLine) and, with
 * stderr, copied to `logFile` (stderr inherited when logFile is null); with the open-file limit raised to the hard limit (1,000 websocket clients
 * and their upstream sockets pass the usual 1,024).
 */
export function start(command: string, args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; logFile: string | null }): ChildProcess {
  const child = spawn('bash', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'bash', command, ...args], {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    detached: true,
    stdio: ['ignore', 'pipe', opts.logFile ? 'pipe' : 'inherit'],
  });
  if (opts.logFile) {
    const log = createWriteStream(opts.logFile);
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  }
  started.push(child);
  return child;
}

/** Resolves with the first stdout line of `child` that parses as JSON. */
export function firstJsonLine<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const line = out.split('\n').find((l) => l.startsWith('{') && l.endsWith('}'));
      if (line) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`process exited with ${code} before it was ready`)));
  });
}

/** SIGTERM to the child's whole group, SIGKILL after 5 s. */
export async function stop(child: ChildProcess) {
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    kill('SIGTERM');
    const exited = await Promise.race([new Promise((r) => child.once('exit', () => r(true))), sleep(5000).then(() => false)]);
    if (!exited) kill('SIGKILL');
  }
  // Workers a gateway forked may outlive it; they are in its group.
  kill('SIGKILL');
}

export async function stopAll() {
  await Promise.all(started.map(stop));
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** /proc/<pid>/stat of every process in process group `pgid` (fields after the command name). */
function groupStats(pgid: number): { pid: string; fields: string[] }[] {
  const out = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) out.push({ pid, fields });
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** CPU seconds (user + system) used so far by every live process of the group. */
export function groupCpuSeconds(pgid: number): number {
  // fields[11], fields[12] are utime and stime (stat fields 14 and 15).
  return groupStats(pgid).reduce((s, { fields }) => s + Number(fields[11]) + Number(fields[12]), 0) / CLOCK_TICKS;
}

/**
 * Until the group has used less than 5 % of a core over half a second (30 s at most): autocannon
 * abandons the requests in flight when a run ends, and the gateway's work on them must not be
 * counted in the next run's CPU per request.
 */
export async function waitIdle(pgid: number) {
  const until = Date.now() + 30_000;
  for (let before = groupCpuSeconds(pgid); Date.now() < until;) {
    await sleep(500);
    const after = groupCpuSeconds(pgid);
    if (after - before < 0.025) return;
    before = after;
  }
}

/** Resident memory of the group in MB. */
export function groupRssMb(pgid: number): number {
  let kb = 0;
  for (const { pid } of groupStats(pgid)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* exited */
    }
  }
  return Math.round(kb / 1024);
}

/** POSTs `query`; returns the status and the raw body. */
export async function post(url: string, query: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query }) });
  return { status: res.status, body: await res.text() };
}

/** Until `url` answers `{ __typename }` with 200 (60 s at most, or until `child` exits). */
export async function waitReady(url: string, child: ChildProcess, what: string) {
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      if ((await post(url, '{ __typename }')).status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error(`${what} did not answer within 60 s`);
    await sleep(250);
  }
}
