import { DateTime } from '@supergraph/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types';
import { BackupAgent } from './BackupAgent';
import { BackupAlert } from './BackupAlert';
import { BackupJob } from './BackupJob';
import { BackupPolicy } from './BackupPolicy';
import { Long } from './Long';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Subscription } from './Subscription';
import { User } from './User';

export const resolvers: Resolvers = {
  DateTime,
  Long,
  Query,
  Mutation,
  Subscription,
  User,
  BackupAgent,
  BackupPolicy,
  BackupJob,
  BackupAlert,
};
