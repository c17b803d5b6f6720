import type { RefundResolvers } from '../__generated__/resolvers-types';
import { money } from '../services/events';

export const Refund: RefundResolvers = {
  amount: (refund) => money(refund.amount, refund.currency),
};
