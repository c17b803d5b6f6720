// The gateways the peer benchmark compares, and how each is started on a composed supergraph.
//   apollo  stock @apollo/gateway on @apollo/server (a dependency of this repository): the baseline
//   hive    @graphql-hive/gateway, installed from npm into the work directory (outside the repo),
//           one worker (`--fork 1`), with `--jit`
//   ours    our router (router/src/index.ts) in production mode
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { start } from './proc';

export const ROOT = join(__dirname, '../..');
export const HIVE_VERSION = '2.15.1';
/** Where peers are installed and runs leave their files: outside the repository. */
export const WORK = process.env.PEER_BENCH_WORK ?? join(process.env.TMPDIR ?? tmpdir(), 'supergraph-bench-peers');

/** Secrets for our router in production mode (it refuses to start without 32+ character ones). */
const BENCH_SECRETS = { IDENTITY_SECRET: 'peer-bench-identity-secret-0123456789', JWT_SECRET: 'peer-bench-jwt-secret-0123456789abcdef' };

/** Installs the pinned Hive Gateway into `<work>/hive` once; returns its CLI entry point. */
export function ensureHive(work: string): string {
  const dir = join(work, 'hive');
  const bin = join(dir, 'node_modules/@graphql-hive/gateway/dist/bin.js');
  const manifest = {
    name: 'peer-bench-hive',
    private: true,
    dependencies: { '@graphql-hive/gateway': HIVE_VERSION, graphql: '16.15.0' },
    // Same pin as the repository's root package.json: batch-execute 10.3 is missing from the
    // registry mirror this was built on.
    overrides: { '@graphql-tools/batch-execute': '10.2.0' },
  };
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'package.json');
  const wanted = JSON.stringify(manifest, null, 2);
  if (!existsSync(bin) || !existsSync(path) || readFileSync(path, 'utf8') !== wanted) {
    writeFileSync(path, wanted);
    console.error(`installing @graphql-hive/gateway@${HIVE_VERSION} in ${dir} ...`);
    // The work dir is outside the repo, so the repo's .npmrc does not apply: no update check here either.
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return bin;
}

export function versionOf(pkgJson: string): string {
  try {
    return JSON.parse(readFileSync(pkgJson, 'utf8')).version;
  } catch {
    return '?';
  }
}

export interface StartOptions {
  work: string;
  runDir: string;
  supergraphPath: string;
  port: number;
  /** Subscriptions: our router must accept the probe's anonymous clients; Hive needs the events subgraph's websocket transport. */
  subscriptions?: boolean;
}

export interface Target {
  label: string;
  /** Installed version; `work` is the work directory (where Hive is installed). */
  version: (work: string) => string;
  start: (o: StartOptions) => ChildProcess;
}

export const TARGETS: Record<string, Target> = {
  apollo: {
    label: '@apollo/gateway',
    version: () => versionOf(join(ROOT, 'node_modules/@apollo/gateway/package.json')),
    start: (o) =>
      start(process.execPath, ['--import', 'tsx', join(__dirname, 'apollo-gateway.ts')], {
        cwd: ROOT,
        env: { NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: '1', SUPERGRAPH_PATH: o.supergraphPath, PORT: String(o.port) },
        logFile: join(o.runDir, 'apollo.log'),
      }),
  },
  hive: {
    label: 'Hive Gateway',
    version: (work) => versionOf(join(work, 'hive/node_modules/@graphql-hive/gateway/package.json')),
    start: (o) => {
      const bin = ensureHive(o.work);
      const args = ['--host', '127.0.0.1', '--port', String(o.port), '--fork', '1'];
      if (o.subscriptions) {
        // Hive reaches a subgraph's subscriptions over websockets only when told so, in its config file.
        writeFileSync(
          join(o.runDir, 'gateway.config.mjs'),
          `export const gatewayConfig = {\n  supergraph: ${JSON.stringify(o.supergraphPath)},\n` +
            `  transportEntries: { events: { options: { subscriptions: { kind: 'ws', location: '/graphql' } } } },\n};\n`,
        );
        return start(process.execPath, [bin, 'supergraph', ...args], { cwd: o.runDir, env: { NODE_ENV: 'production' }, logFile: join(o.runDir, 'hive.log') });
      }
      return start(process.execPath, [bin, 'supergraph', o.supergraphPath, ...args, '--jit'], {
        cwd: o.runDir,
        env: { NODE_ENV: 'production' },
        logFile: join(o.runDir, 'hive.log'),
      });
    },
  },
  ours: {
    label: 'our router',
    version: () => versionOf(join(ROOT, 'router/package.json')),
    start: (o) =>
      start(process.execPath, [...(process.env.OURS_NODE_OPTIONS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', 'src/index.ts'], {
        cwd: join(ROOT, 'router'),
        env: {
          NODE_ENV: 'production',
          LOG_LEVEL: 'error',
          HOST: '127.0.0.1',
          PORT: String(o.port),
          SUPERGRAPH_PATH: o.supergraphPath,
          ...BENCH_SECRETS,
          // The probe connects without credentials; queries need no such switch.
          ...(o.subscriptions ? { SUBSCRIPTIONS_ALLOW_ANONYMOUS: 'true' } : {}),
          ...Object.fromEntries(
            (process.env.OURS_ENV ?? '')
              .split(/\s+/)
              .filter(Boolean)
              .map((kv) => kv.split('=', 2) as [string, string]),
          ),
        },
        logFile: join(o.runDir, 'ours.log'),
      }),
  },
};
