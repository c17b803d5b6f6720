import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  backupAgents: (_, { filter, first, after }, { agents }) => agents.list(filter, first, after),
  backupPolicies: (_, { first }, { policies }) => policies.list(first),
  backupAlerts: (_, { status, first, after }, { alerts }) => alerts.list(status, first, after),
  backupReport: (_, { agentId, from, to }, { reports }) => reports.report(agentId, from, to),
};
