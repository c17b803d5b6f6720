import type { BackupAlertResolvers } from '../__generated__/resolvers-types';

export const BackupAlert: BackupAlertResolvers = {
  // An alert is read by whoever may read its agent: batched over a page of alerts.
  agent: (alert, _, { loaders }) => loaders.agentById.load(alert.agentId).then((agent) => agent ?? Promise.reject(new Error(`agent ${alert.agentId} of an alert is missing`))),
};
