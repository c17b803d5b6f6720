import { mintApiKey } from '@supergraph/auth';

/**
 * A new key for an agent: its id is the agent's (so the router's answer names the agent), the
 * secret goes to the owner once, only its hash and a display prefix are kept.
 */
export function newAgentKey(agentId: string): { secret: string; hash: string; prefix: string } {
  const { secret, secretHash, displayPrefix } = mintApiKey('sgb', agentId);
  return { secret, hash: secretHash, prefix: displayPrefix };
}
