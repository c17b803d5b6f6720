import { DateTime } from '@supergraph/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { orderReference } from '../references';
import type { CreditLine as CreditLineEntity } from '../entities/CreditLine';

const money = (amount: number, currency: string) => ({ amount, currency });

/** Thin: every rule is in the services; reads of lists go through the per-request loaders. */
export const resolvers: Resolvers = {
  DateTime,
  Query: {
    payment: (_, { id }, { payments }) => payments.byId(id),
  },
  Mutation: {
    refundPayment: (_, { paymentId, amount, reason }, { payments }) => payments.refund(paymentId, amount, reason),
    applyForCredit: (_, { input }, { viewer, credit }) => credit.apply(viewer, input),
    payInstallment: (_, { installmentId }, { viewer, credit }) => credit.payInstallment(viewer, installmentId),
  },
  Order: {
    __resolveReference: ({ id }) => orderReference(id),
    payment: (order, _, { payments }) => payments.ofOrder(order.id),
  },
  User: {
    __resolveReference: ({ id }) => ({ __typename: 'User', id }),
    creditLine: (user, _, { payments }) => payments.creditLineOf(user.id),
  },
  Payment: {
    __resolveReference: ({ id }, { payments }) => payments.reference(id),
    order: (payment) => orderReference(payment.orderId),
    amount: (payment) => money(payment.amount, payment.currency),
    reference: (payment) => payment.providerRef,
    refunds: (payment, _, { loaders }) => loaders.refundsByPayment.load(payment.id),
    installmentPlan: (payment, _, { loaders }) => (payment.method === 'CREDIT_LINE' ? loaders.planByPayment.load(payment.id) : null),
  },
  Refund: {
    amount: (refund) => money(refund.amount, refund.currency),
  },
  CreditLine: {
    __resolveReference: ({ id }, { payments }) => payments.creditLineReference(id),
    limit: (line: CreditLineEntity) => money(line.limit, line.currency),
    available: (line) => money(line.available, line.currency),
    installmentPlans: (line, _, { loaders }) => loaders.plansByCreditLine.load(line.id),
  },
  InstallmentPlan: {
    order: (plan) => orderReference(plan.orderId),
    principal: (plan) => money(plan.principal, plan.currency),
    total: (plan) => money(plan.totalAmount, plan.currency),
    installments: (plan, _, { loaders }) => loaders.installmentsByPlan.load(plan.id),
  },
  Installment: {
    // A calendar date; the API's DateTime is its midnight UTC.
    dueDate: (installment) => `${installment.dueDate}T00:00:00.000Z`,
    amount: (installment) => money(installment.amount, installment.currency),
    principal: (installment) => money(installment.principal, installment.currency),
    interest: (installment) => money(installment.interest, installment.currency),
  },
};
