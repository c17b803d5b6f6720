import type { BackupPolicyResolvers } from '../__generated__/resolvers-types';
import { userReference } from '../references';

export const BackupPolicy: BackupPolicyResolvers = {
  owner: (policy) => userReference(policy.ownerId),
};
