import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  shippingQuote: (_, { input }, { deliveries }) => deliveries.shippingQuote(input),
  courierDeliveries: (_, { status }, { deliveries }) => deliveries.courierDeliveries(status),
};
