import { readFileSync, rmSync } from 'node:fs';

/**
 * Jest's globalTeardown: the run fails, listing each attempt, when any process of it tried to reach
 * beyond loopback (test/network-guard.cjs refused and recorded it). Throwing here makes jest, and
 * so `npm test`, exit non-zero even when every test passed.
 */
export default function teardown() {
  const log = process.env.NETWORK_GUARD_LOG;
  if (!log) throw new Error('network guard: NETWORK_GUARD_LOG is unset; test/network-guard-setup.ts did not run');
  const records = readFileSync(log, 'utf8').trim();
  if (records) {
    const lines = records.split('\n').map((line) => {
      const { pid, kind, target, argv, stack } = JSON.parse(line);
      return `- ${kind} to ${target} (pid ${pid}, ${argv.join(' ')})\n    ${stack.slice(0, 8).join('\n    ')}`;
    });
    const error = new Error(`network guard: ${lines.length} attempt(s) to reach beyond loopback during the tests (refused; records in ${log}):\n${lines.join('\n')}`);
    error.stack = error.message; // the records carry the stacks that matter; this one is jest's
    throw error;
  }
  if (process.env.NETWORK_GUARD_OWNER === String(process.pid)) rmSync(log, { force: true });
}
