import { DateTime } from '@supergraph/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Device } from './Device';
import { Query } from './Query';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Device,
};
