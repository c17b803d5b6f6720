import { DateTime } from '@supergraph/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Delivery } from './Delivery';
import { Mutation } from './Mutation';
import { Order } from './Order';
import { Query } from './Query';
import { Subscription } from './Subscription';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Subscription,
  Order,
  Delivery,
};
