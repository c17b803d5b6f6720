import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  createBackupPolicy: (_, { input }, { policies }) => policies.create(input),
  registerBackupAgent: (_, { input }, { agents }) => agents.register(input),
  rotateBackupAgentKey: (_, { id }, { agents }) => agents.rotateKey(id),
  revokeBackupAgentKey: (_, { id }, { agents }) => agents.revokeKey(id),
  reportBackupJob: (_, { input }, { jobs }) => jobs.report(input),
  acknowledgeBackupAlert: (_, { id }, { alerts }) => alerts.acknowledge(id),
};
