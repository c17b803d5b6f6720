import type { InstallmentPlanResolvers } from '../__generated__/resolvers-types';
import { orderReference } from '../references';
import { money } from '../services/events';

export const InstallmentPlan: InstallmentPlanResolvers = {
  order: (plan) => orderReference(plan.orderId),
  principal: (plan) => money(plan.principal, plan.currency),
  total: (plan) => money(plan.totalAmount, plan.currency),
  installments: (plan, _, { loaders }) => loaders.installmentsByPlan.load(plan.id),
};
