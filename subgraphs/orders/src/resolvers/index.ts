import { DateTime } from '@supergraph/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Cart, CartItem } from './Cart';
import { Mutation } from './Mutation';
import { Order, OrderConnection, OrderItem } from './Order';
import { Query } from './Query';
import { Subscription } from './Subscription';
import { User } from './User';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Subscription,
  Cart,
  CartItem,
  User,
  Order,
  OrderItem,
  OrderConnection,
};
