import type { OrderResolvers } from '../__generated__/resolvers-types';
import { orderReference } from '../references';

export const Order: OrderResolvers = {
  __resolveReference: ({ id }) => orderReference(id),
  // Batched by order id; null for whoever may not see it.
  payment: (order, _, { payments }) => payments.ofOrder(order.id),
};
