import type { BackupAgentResolvers } from '../__generated__/resolvers-types';
import { userReference } from '../references';

export const BackupAgent: BackupAgentResolvers = {
  // Other subgraphs' references, batched per request; null for a viewer who may not read it.
  __resolveReference: ({ id }, { agents }) => agents.readable(id),
  owner: (agent) => userReference(agent.ownerId),
  policy: (agent, _, { policies }) => policies.ofAgent(agent.policyId),
  apiKeyPrefix: (agent) => agent.keyPrefix,
  apiKeyRevokedAt: (agent) => agent.keyRevokedAt,
  jobs: (agent, { first, after }, { jobs }) => jobs.jobsOf(agent, first, after),
};
