import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '../../../..');
const REPO_MODULES = join(ROOT, 'node_modules');

/** The SDK's own dependencies, which the scratch project takes from the repository's node_modules. */
const DEPENDENCIES = ['graphql', 'graphql-ws', 'graphql-sse', '@graphql-typed-document-node/core', 'ws'];

export interface InstalledSdk {
  /** The scratch project (outside the repository) the tarball is installed in. */
  dir: string;
  /** The SDK as a partner's CommonJS code gets it: `require('@supergraph/sdk')` in the scratch project. */
  sdk: typeof import('../../src/index');
  /** Runs `command` (node by default) in the scratch project and returns what it printed; asynchronously, so the test's own sockets stay served. */
  run(args: string[], options?: { env?: Record<string, string>; command?: string }): Promise<string>;
  remove(): void;
}

/**
 * Builds and packs `@supergraph/sdk` (`npm pack`, which runs the build), then installs the tarball
 * into a scratch project in a temporary folder, offline: the registry is out of reach in tests,
 * so the SDK's dependencies are `file:` links to the repository's copies and only the tarball is
 * unpacked. Whatever the tests do then goes through the package exactly as published.
 */
export function installSdk(): InstalledSdk {
  const dir = mkdtempSync(join(tmpdir(), 'sdk-scratch-'));
  const run = (command: string, args: string[], cwd: string) => execFileSync(command, args, { cwd, env: process.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  run('npm', ['pack', '-w', 'clients/sdk', '--pack-destination', dir, '--silent'], ROOT);
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  const dependencies = Object.fromEntries([['@supergraph/sdk', `file:./${tarball}`], ...DEPENDENCIES.map((name) => [name, `file:${join(REPO_MODULES, name)}`])]);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'sdk-scratch', private: true, dependencies }, null, 2));
  run('npm', ['install', '--offline', '--no-package-lock', '--no-audit', '--no-fund', '--silent'], dir);
  const sdk = createRequire(join(dir, 'package.json'))('@supergraph/sdk') as InstalledSdk['sdk'];
  return {
    dir,
    sdk,
    run: async (args, { env = {}, command = process.execPath } = {}) =>
      (await promisify(execFile)(command, args, { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 })).stdout,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The repository's TypeScript compiler, to type-check partner code against the installed declarations. */
export const TSC = join(REPO_MODULES, '.bin/tsc');
/** tsx's loader, to run the TypeScript example in the scratch project. */
export const TSX_LOADER = join(REPO_MODULES, 'tsx/dist/loader.mjs');
