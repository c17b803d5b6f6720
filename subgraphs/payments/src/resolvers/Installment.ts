import type { InstallmentResolvers } from '../__generated__/resolvers-types';
import { money } from '../services/events';

export const Installment: InstallmentResolvers = {
  // A calendar date; the API's DateTime is its midnight UTC.
  dueDate: (installment) => `${installment.dueDate}T00:00:00.000Z`,
  amount: (installment) => money(installment.amount, installment.currency),
  principal: (installment) => money(installment.principal, installment.currency),
  interest: (installment) => money(installment.interest, installment.currency),
};
