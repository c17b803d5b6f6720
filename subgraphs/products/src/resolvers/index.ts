import { DateTime } from '@supergraph/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Category } from './Category';
import { Mutation } from './Mutation';
import { Product, ProductConnection } from './Product';
import { Query } from './Query';
import { Review, ReviewConnection } from './Review';
import { User } from './User';

/** Thin: unpack arguments, call a service or a loader, map entity columns to schema fields. One file per type. */
export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  ProductConnection,
  ReviewConnection,
  Product,
  Category,
  Review,
  User,
};
