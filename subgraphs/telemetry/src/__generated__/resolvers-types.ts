import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Device as DeviceEntity } from '../entities/Device';
import type { Reading as ReadingEntity } from '../domain/reading';
import type { UserReference as UserReferenceEntity } from '../references';
import type { DeviceRegistration as DeviceRegistrationEntity } from '../services/DeviceService';
import type { IngestResult as IngestResultEntity, Bucket as BucketEntity } from '../services/TelemetryService';
import type { Context } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: string; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** The readings of one metric within one time bucket (only buckets that hold readings are returned). */
export type Bucket = {
  __typename?: 'Bucket';
  avg: Scalars['Float']['output'];
  count: Scalars['Int']['output'];
  max: Scalars['Float']['output'];
  min: Scalars['Float']['output'];
  /** The bucket's first instant (UTC-aligned); the first bucket of a range may hold only readings from `from` on. */
  start: Scalars['DateTime']['output'];
};

/** The size of the time buckets of `telemetry`: aligned to UTC minutes, hours or days. */
export type BucketSize =
  | 'DAY'
  | 'HOUR'
  | 'MINUTE';

/** A device that sends readings with its own API key (prefix `sgt`). Its owner, admins and the device itself may read it. */
export type Device = {
  __typename?: 'Device';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The first characters of its API key, to tell keys apart; null once the key is revoked. */
  keyPrefix?: Maybe<Scalars['String']['output']>;
  /** What it is, in the owner's words (thermostat, meter, ...). */
  kind: Scalars['String']['output'];
  /** The newest reading of `metric` (the one with the latest `at`); null when there is none. */
  latest?: Maybe<Reading>;
  /** The metric names it has sent, in alphabetical order. */
  metrics: Array<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  owner: User;
};


/** A device that sends readings with its own API key (prefix `sgt`). Its owner, admins and the device itself may read it. */
export type DeviceLatestArgs = {
  metric: Scalars['String']['input'];
};

export type DeviceConnection = {
  __typename?: 'DeviceConnection';
  edges: Array<DeviceEdge>;
  pageInfo: PageInfo;
};

export type DeviceEdge = {
  __typename?: 'DeviceEdge';
  cursor: Scalars['String']['output'];
  node: Device;
};

/** The device and its API key. The key is shown here once; only its hash is kept. */
export type DeviceRegistration = {
  __typename?: 'DeviceRegistration';
  apiKey: Scalars['String']['output'];
  device: Device;
};

export type IngestResult = {
  __typename?: 'IngestResult';
  /** Readings stored (a reading already stored with the same device, metric and `at` counts as accepted and keeps its first value: a resent batch is harmless). */
  accepted: Scalars['Int']['output'];
  rejected: Scalars['Int']['output'];
  /** One per rejected reading, in the order of `readings`. */
  rejections: Array<ReadingRejection>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Stores a batch of up to 5,000 readings, sent by a device with its key (for itself only) or by the devices' owner.
   * Each reading is checked on its own: the valid ones are stored, each rejected one is explained in `rejections`.
   */
  ingestTelemetry: IngestResult;
  /** A new device of the viewer's (a signed-in user, not an API key) with its API key, shown once. */
  registerDevice: DeviceRegistration;
  /** Revokes the device's API key (owner or admin); its readings stay. `rotateDeviceKey` gives it a new one. */
  revokeDeviceKey: Device;
  /** A new API key for the device (owner or admin); the old one stops working (within 30 s: the router caches key checks). */
  rotateDeviceKey: DeviceRegistration;
};


export type MutationIngestTelemetryArgs = {
  readings: Array<ReadingInput>;
};


export type MutationRegisterDeviceArgs = {
  input: RegisterDeviceInput;
};


export type MutationRevokeDeviceKeyArgs = {
  deviceId: Scalars['ID']['input'];
};


export type MutationRotateDeviceKeyArgs = {
  deviceId: Scalars['ID']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** One device the viewer may read (its owner, an admin, or the device itself); null otherwise. */
  device?: Maybe<Device>;
  /** The viewer's devices, newest first (`first` 1 to 100, default 20). */
  devices: DeviceConnection;
  /**
   * Min, max, average and count of `metric` per bucket, for readings with `from` <= at < `to`, oldest bucket first; empty buckets are left out.
   * At most 10,000 buckets in the range. The device's owner and admins.
   */
  telemetry: Array<Bucket>;
};


export type QueryDeviceArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDevicesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryTelemetryArgs = {
  bucket: BucketSize;
  deviceId: Scalars['ID']['input'];
  from: Scalars['DateTime']['input'];
  metric: Scalars['String']['input'];
  to: Scalars['DateTime']['input'];
};

export type Reading = {
  __typename?: 'Reading';
  at: Scalars['DateTime']['output'];
  deviceId: Scalars['ID']['output'];
  metric: Scalars['String']['output'];
  value: Scalars['Float']['output'];
};

export type ReadingInput = {
  at: Scalars['DateTime']['input'];
  deviceId: Scalars['ID']['input'];
  /** 1 to 64 characters: a letter, then letters, digits, `_`, `.`, `:` or `-`. */
  metric: Scalars['String']['input'];
  value: Scalars['Float']['input'];
};

export type ReadingRejection = {
  __typename?: 'ReadingRejection';
  code: ReadingRejectionCode;
  /** The reading's position in `readings`, from 0. */
  index: Scalars['Int']['output'];
  reason: Scalars['String']['output'];
};

export type ReadingRejectionCode =
  /** The same device, metric and `at` appear earlier in the batch. */
  | 'DUPLICATE'
  /** The metric name is empty, longer than 64 characters, or has characters other than letters, digits and `_ . : -` (or does not start with a letter). */
  | 'INVALID_METRIC'
  /** The value is not a finite number. */
  | 'INVALID_VALUE'
  /** `at` is more than 5 minutes ahead of the server's clock. */
  | 'IN_FUTURE'
  /** `at` is older than the retention period: it would be purged at once. */
  | 'TOO_OLD'
  /** No device of the caller's has this id. */
  | 'UNKNOWN_DEVICE'
  /** A device's key writes only for that device. */
  | 'WRONG_DEVICE';

export type RegisterDeviceInput = {
  /** 1 to 40 characters. */
  kind: Scalars['String']['input'];
  /** 1 to 100 characters. */
  name: Scalars['String']['input'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * New readings of a device as they arrive (only those of `metrics` when given, up to 100 names), for its owner and admins.
   * Coalesced per subscriber: at most one reading per metric every 250 ms, the newest; the newest reading of a burst always arrives last.
   */
  telemetryUpdated: Reading;
};


export type SubscriptionTelemetryUpdatedArgs = {
  deviceId: Scalars['ID']['input'];
  metrics?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type User = {
  __typename?: 'User';
  /** The user's devices, newest first, at most `first` (1 to 100, default 20). The user themself and admins; FORBIDDEN for others. */
  devices: Array<Device>;
  id: Scalars['ID']['output'];
};


export type UserDevicesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Device: Device;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Device:
    ( { __typename: 'Device' }
    & GraphQLRecursivePick<FederationTypes['Device'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Bucket: ResolverTypeWrapper<BucketEntity>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  BucketSize: BucketSize;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Device: ResolverTypeWrapper<DeviceEntity>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  DeviceConnection: ResolverTypeWrapper<Omit<DeviceConnection, 'edges'> & { edges: Array<ResolversTypes['DeviceEdge']> }>;
  DeviceEdge: ResolverTypeWrapper<Omit<DeviceEdge, 'node'> & { node: ResolversTypes['Device'] }>;
  DeviceRegistration: ResolverTypeWrapper<DeviceRegistrationEntity>;
  IngestResult: ResolverTypeWrapper<IngestResultEntity>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Reading: ResolverTypeWrapper<ReadingEntity>;
  ReadingInput: ReadingInput;
  ReadingRejection: ResolverTypeWrapper<ReadingRejection>;
  ReadingRejectionCode: ReadingRejectionCode;
  RegisterDeviceInput: RegisterDeviceInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  User: ResolverTypeWrapper<UserReferenceEntity>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Bucket: BucketEntity;
  Float: Scalars['Float']['output'];
  Int: Scalars['Int']['output'];
  DateTime: Scalars['DateTime']['output'];
  Device: DeviceEntity;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  DeviceConnection: Omit<DeviceConnection, 'edges'> & { edges: Array<ResolversParentTypes['DeviceEdge']> };
  DeviceEdge: Omit<DeviceEdge, 'node'> & { node: ResolversParentTypes['Device'] };
  DeviceRegistration: DeviceRegistrationEntity;
  IngestResult: IngestResultEntity;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  Reading: ReadingEntity;
  ReadingInput: ReadingInput;
  ReadingRejection: ReadingRejection;
  RegisterDeviceInput: RegisterDeviceInput;
  Subscription: Record<PropertyKey, never>;
  User: UserReferenceEntity;
}>;

export type BucketResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Bucket'] = ResolversParentTypes['Bucket']> = ResolversObject<{
  avg?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  max?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  min?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeviceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Device'] = ResolversParentTypes['Device'], FederationReferenceType extends FederationReferenceTypes['Device'] = FederationReferenceTypes['Device']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Device']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  keyPrefix?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  latest?: Resolver<Maybe<ResolversTypes['Reading']>, ParentType, ContextType, RequireFields<DeviceLatestArgs, 'metric'>>;
  metrics?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type DeviceConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DeviceConnection'] = ResolversParentTypes['DeviceConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['DeviceEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type DeviceEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DeviceEdge'] = ResolversParentTypes['DeviceEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Device'], ParentType, ContextType>;
}>;

export type DeviceRegistrationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DeviceRegistration'] = ResolversParentTypes['DeviceRegistration']> = ResolversObject<{
  apiKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  device?: Resolver<ResolversTypes['Device'], ParentType, ContextType>;
}>;

export type IngestResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['IngestResult'] = ResolversParentTypes['IngestResult']> = ResolversObject<{
  accepted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rejected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rejections?: Resolver<Array<ResolversTypes['ReadingRejection']>, ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  ingestTelemetry?: Resolver<ResolversTypes['IngestResult'], ParentType, ContextType, RequireFields<MutationIngestTelemetryArgs, 'readings'>>;
  registerDevice?: Resolver<ResolversTypes['DeviceRegistration'], ParentType, ContextType, RequireFields<MutationRegisterDeviceArgs, 'input'>>;
  revokeDeviceKey?: Resolver<ResolversTypes['Device'], ParentType, ContextType, RequireFields<MutationRevokeDeviceKeyArgs, 'deviceId'>>;
  rotateDeviceKey?: Resolver<ResolversTypes['DeviceRegistration'], ParentType, ContextType, RequireFields<MutationRotateDeviceKeyArgs, 'deviceId'>>;
}>;

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  device?: Resolver<Maybe<ResolversTypes['Device']>, ParentType, ContextType, RequireFields<QueryDeviceArgs, 'id'>>;
  devices?: Resolver<ResolversTypes['DeviceConnection'], ParentType, ContextType, RequireFields<QueryDevicesArgs, 'first'>>;
  telemetry?: Resolver<Array<ResolversTypes['Bucket']>, ParentType, ContextType, RequireFields<QueryTelemetryArgs, 'bucket' | 'deviceId' | 'from' | 'metric' | 'to'>>;
}>;

export type ReadingResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Reading'] = ResolversParentTypes['Reading']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deviceId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type ReadingRejectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ReadingRejection'] = ResolversParentTypes['ReadingRejection']> = ResolversObject<{
  code?: Resolver<ResolversTypes['ReadingRejectionCode'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  telemetryUpdated?: SubscriptionResolver<ResolversTypes['Reading'], "telemetryUpdated", ParentType, ContextType, RequireFields<SubscriptionTelemetryUpdatedArgs, 'deviceId'>>;
}>;

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  devices?: Resolver<Array<ResolversTypes['Device']>, ParentType, ContextType, RequireFields<UserDevicesArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  Bucket?: BucketResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Device?: DeviceResolvers<ContextType>;
  DeviceConnection?: DeviceConnectionResolvers<ContextType>;
  DeviceEdge?: DeviceEdgeResolvers<ContextType>;
  DeviceRegistration?: DeviceRegistrationResolvers<ContextType>;
  IngestResult?: IngestResultResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Reading?: ReadingResolvers<ContextType>;
  ReadingRejection?: ReadingRejectionResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

