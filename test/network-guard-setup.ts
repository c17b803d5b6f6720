import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The guard's absolute path, so that it loads whatever directory a spawned process starts in. */
export const NETWORK_GUARD = join(__dirname, 'network-guard.cjs');

/**
 * Jest's globalSetup: puts the network guard (test/network-guard.cjs) into this process and, through
 * NODE_OPTIONS, into every process started from here on (jest's workers, and the services and tools
 * the tests spawn, which pass NODE_OPTIONS on), and gives it a fresh record file.
 * test/network-guard-teardown.ts fails the run when anything was recorded.
 */
export default function setup() {
  // Under the repository, not the shared /tmp, where another run's clean-up could delete it mid-run.
  const dir = join(__dirname, '../node_modules/.cache/network-guard');
  mkdirSync(dir, { recursive: true });
  // A run started by a test of another run (new-subgraph.test.ts runs jest in a copy) inherits the
  // outer run's file: it records into it too, and neither truncates nor deletes it.
  if (!process.env.NETWORK_GUARD_LOG) {
    process.env.NETWORK_GUARD_LOG = join(dir, `${process.pid}-${Date.now()}.jsonl`);
    process.env.NETWORK_GUARD_OWNER = String(process.pid);
    writeFileSync(process.env.NETWORK_GUARD_LOG, '');
  }
  const options = process.env.NODE_OPTIONS ?? '';
  if (!options.includes(NETWORK_GUARD)) {
    const path = /\s/.test(NETWORK_GUARD) ? JSON.stringify(NETWORK_GUARD) : NETWORK_GUARD;
    process.env.NODE_OPTIONS = `${options} --require ${path}`.trim();
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload by path, loaded for its side effect
  require(NETWORK_GUARD);
}
