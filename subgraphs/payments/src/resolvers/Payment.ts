import type { PaymentResolvers } from '../__generated__/resolvers-types';

export const Payment: PaymentResolvers = {
  // Other subgraphs' references to a payment, batched per request.
  __resolveReference: ({ id }, { loaders }) => loaders.paymentById.load(id),
};
