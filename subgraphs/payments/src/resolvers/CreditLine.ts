import type { CreditLineResolvers } from '../__generated__/resolvers-types';
import { money } from '../services/events';

export const CreditLine: CreditLineResolvers = {
  __resolveReference: ({ id }, { payments }) => payments.creditLineReference(id),
  limit: (line) => money(line.limit, line.currency),
  available: (line) => money(line.available, line.currency),
  installmentPlans: (line, _, { loaders }) => loaders.plansByCreditLine.load(line.id),
};
