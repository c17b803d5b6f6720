import type { BackupJobResolvers } from '../__generated__/resolvers-types';

export const BackupJob: BackupJobResolvers = {
  // A job is read through its agent (authorized there) or reported by the agent's own key.
  agent: (job, _, { loaders }) => loaders.agentById.load(job.agentId).then((agent) => agent ?? Promise.reject(new Error(`agent ${job.agentId} of a job is missing`))),
};
