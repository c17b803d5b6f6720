import type { DeliveryResolvers } from '../__generated__/resolvers-types';
import { orderReference, userReference } from '../references';

export const Delivery: DeliveryResolvers = {
  // Other subgraphs' references, batched per request; null for a viewer who may not read it.
  __resolveReference: ({ id }, { deliveries }) => deliveries.byId(id),
  order: (delivery) => orderReference(delivery.orderId),
  courier: (delivery) => (delivery.courierId ? userReference(delivery.courierId) : null),
  trackingPoints: (delivery, _, { loaders }) => loaders.pointsByDelivery.load(delivery.id),
};
