import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  updateDeliveryStatus: (_, args, { deliveries }) => deliveries.updateStatus(args),
  reportCourierLocation: (_, args, { deliveries }) => deliveries.reportLocation(args),
};
