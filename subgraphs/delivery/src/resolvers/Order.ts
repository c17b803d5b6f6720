import type { OrderResolvers } from '../__generated__/resolvers-types';

export const Order: OrderResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  // A page of orders asks once: batched by order id.
  delivery: ({ id }, _, { deliveries }) => deliveries.byOrder(id),
};
