import { mintApiKey } from '@supergraph/auth';

/** Characters of a key kept for display: the prefix, the agent's id and a few random ones. */
const DISPLAY_LENGTH = 'sgb_'.length + 32 + 1 + 6;

/**
 * A new key for an agent: its id is the agent's (so the router's answer names the agent), the
 * secret goes to the owner once, only its hash and a display prefix are kept.
 */
export function newAgentKey(agentId: string): { secret: string; hash: string; prefix: string } {
  const { secret, secretHash } = mintApiKey('sgb', agentId);
  return { secret, hash: secretHash, prefix: secret.slice(0, DISPLAY_LENGTH) };
}
