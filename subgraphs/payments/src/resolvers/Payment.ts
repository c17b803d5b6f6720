import type { PaymentResolvers } from '../__generated__/resolvers-types';
import { orderReference } from '../references';
import { money } from '../services/events';

export const Payment: PaymentResolvers = {
  __resolveReference: ({ id }, { payments }) => payments.reference(id),
  order: (payment) => orderReference(payment.orderId),
  amount: (payment) => money(payment.amount, payment.currency),
  reference: (payment) => payment.providerRef,
  refunds: (payment, _, { loaders }) => loaders.refundsByPayment.load(payment.id),
  installmentPlan: (payment, _, { loaders }) => (payment.method === 'CREDIT_LINE' ? loaders.planByPayment.load(payment.id) : null),
};
