import { DateTime } from '@supergraph/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { CreditLine } from './CreditLine';
import { Installment } from './Installment';
import { InstallmentPlan } from './InstallmentPlan';
import { Mutation } from './Mutation';
import { Order } from './Order';
import { Payment } from './Payment';
import { Query } from './Query';
import { Refund } from './Refund';
import { User } from './User';

/** Thin: every rule is in the services; lists go through the per-request loaders. */
export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Order,
  User,
  Payment,
  Refund,
  CreditLine,
  InstallmentPlan,
  Installment,
};
