import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  refundPayment: (_, { paymentId, amount, reason }, { payments }) => payments.refund(paymentId, amount, reason),
  applyForCredit: (_, { input }, { viewer, credit }) => credit.apply(viewer, input),
  payInstallment: (_, { installmentId }, { viewer, credit }) => credit.payInstallment(viewer, installmentId),
};
