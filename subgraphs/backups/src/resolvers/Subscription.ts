import { refusedStream } from '@supergraph/service-kit';
import type { SubscriptionResolvers } from '../__generated__/resolvers-types';
import type { BackupAlert } from '../entities/BackupAlert';

export const Subscription: SubscriptionResolvers = {
  backupAlertRaised: {
    subscribe: (_, __, { alerts }) => {
      try {
        return alerts.follow();
      } catch (error) {
        return refusedStream(error);
      }
    },
    resolve: (alert: BackupAlert) => alert,
  },
};
