import { DateTime } from '@supergraph/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { User } from './User';

/** Thin: unpack arguments, call a service or a loader. One file per type. */
export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  User,
};
