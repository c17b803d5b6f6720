/**
 * What a spawned process needs from our environment to run under the network guard
 * (test/network-guard.cjs): NODE_OPTIONS, which loads it, and the file its records go to.
 * For tests that start processes with an env of their own instead of inheriting ours.
 */
export function networkGuardEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  if (process.env.NODE_OPTIONS) env.NODE_OPTIONS = process.env.NODE_OPTIONS;
  if (process.env.NETWORK_GUARD_LOG) env.NETWORK_GUARD_LOG = process.env.NETWORK_GUARD_LOG;
  return env;
}
