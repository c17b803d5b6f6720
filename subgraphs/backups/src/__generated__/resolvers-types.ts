import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { BackupAgent as BackupAgentEntity } from '../entities/BackupAgent';
import type { BackupPolicy as BackupPolicyEntity } from '../entities/BackupPolicy';
import type { BackupJob as BackupJobEntity } from '../entities/BackupJob';
import type { BackupAlert as BackupAlertEntity } from '../entities/BackupAlert';
import type { AgentPage as AgentPageEntity, JobPage as JobPageEntity, AlertPage as AlertPageEntity } from '../services/paging';
import type { Registration as RegistrationEntity } from '../services/AgentService';
import type { BackupReportView as BackupReportViewEntity } from '../services/ReportService';
import type { UserReference as UserReferenceEntity } from '../references';
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
  /**
   * A whole number beyond GraphQL's 32-bit Int (byte counts), sent as a decimal string ("5368709120")
   * so that no client loses precision; accepted as such a string or as an Int.
   */
  Long: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** A machine that backs up and reports each job with its own API key. */
export type BackupAgent = {
  __typename?: 'BackupAgent';
  /** The first characters of the agent's current key, to tell keys apart (the key itself is never shown again). */
  apiKeyPrefix: Scalars['String']['output'];
  /** Set once the owner revoked the key; the agent can no longer report until its key is rotated. */
  apiKeyRevokedAt?: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  health: BackupHealth;
  hostname: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Its jobs, newest first (by start), at most `first` (1 to 100, default 20). */
  jobs: BackupJobConnection;
  /** When the agent last reported a job. */
  lastSeenAt?: Maybe<Scalars['DateTime']['output']>;
  /** When its last successful job finished. */
  lastSuccessAt?: Maybe<Scalars['DateTime']['output']>;
  os: Scalars['String']['output'];
  owner: User;
  policy: BackupPolicy;
};


/** A machine that backs up and reports each job with its own API key. */
export type BackupAgentJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type BackupAgentConnection = {
  __typename?: 'BackupAgentConnection';
  edges: Array<BackupAgentEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type BackupAgentEdge = {
  __typename?: 'BackupAgentEdge';
  cursor: Scalars['String']['output'];
  node: BackupAgent;
};

export type BackupAgentFilter = {
  health?: InputMaybe<BackupHealth>;
  /** Part of the hostname (case-insensitive), up to 100 characters. */
  hostname?: InputMaybe<Scalars['String']['input']>;
  policyId?: InputMaybe<Scalars['ID']['input']>;
};

export type BackupAgentRegistration = {
  __typename?: 'BackupAgentRegistration';
  agent: BackupAgent;
  /** The agent's API key (`sgb_…`), shown this once: the agent sends it as `x-api-key`. */
  apiKey: Scalars['String']['output'];
};

/** At most one alert per agent and cause is OPEN or ACKNOWLEDGED; the agent's next successful job resolves it. */
export type BackupAlert = {
  __typename?: 'BackupAlert';
  acknowledgedAt?: Maybe<Scalars['DateTime']['output']>;
  agent: BackupAgent;
  cause: BackupAlertCause;
  id: Scalars['ID']['output'];
  raisedAt: Scalars['DateTime']['output'];
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** A missed backup is raised WARNING and raised again as CRITICAL (the same alert, OPEN again) when it gets worse. */
  severity: BackupAlertSeverity;
  status: BackupAlertStatus;
};

export type BackupAlertCause =
  /** The agent reported a failed job. */
  | 'FAILED_BACKUP'
  /** The last success is older than the policy allows. */
  | 'MISSED_BACKUP';

export type BackupAlertConnection = {
  __typename?: 'BackupAlertConnection';
  edges: Array<BackupAlertEdge>;
  pageInfo: PageInfo;
};

export type BackupAlertEdge = {
  __typename?: 'BackupAlertEdge';
  cursor: Scalars['String']['output'];
  node: BackupAlert;
};

export type BackupAlertSeverity =
  | 'CRITICAL'
  | 'WARNING';

export type BackupAlertStatus =
  | 'ACKNOWLEDGED'
  | 'OPEN'
  | 'RESOLVED';

/**
 * How recent the agent's last success is (before its first, its registration): HEALTHY while
 * recent enough; WARNING once older than the policy's interval plus a grace (a fifth of the
 * interval, at least 5 minutes); CRITICAL once older than twice the interval. Failed jobs raise
 * FAILED_BACKUP alerts but do not change it.
 */
export type BackupHealth =
  | 'CRITICAL'
  | 'HEALTHY'
  | 'WARNING';

export type BackupJob = {
  __typename?: 'BackupJob';
  agent: BackupAgent;
  error?: Maybe<Scalars['String']['output']>;
  fileCount?: Maybe<Scalars['Int']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  sizeBytes?: Maybe<Scalars['Long']['output']>;
  startedAt: Scalars['DateTime']['output'];
  status: BackupJobStatus;
};

export type BackupJobConnection = {
  __typename?: 'BackupJobConnection';
  edges: Array<BackupJobEdge>;
  pageInfo: PageInfo;
};

export type BackupJobEdge = {
  __typename?: 'BackupJobEdge';
  cursor: Scalars['String']['output'];
  node: BackupJob;
};

export type BackupJobStatus =
  | 'FAILED'
  | 'STARTED'
  | 'SUCCEEDED';

export type BackupPolicy = {
  __typename?: 'BackupPolicy';
  createdAt: Scalars['DateTime']['output'];
  /** How often the agents under this policy must succeed. */
  expectedIntervalMinutes: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  owner: User;
  /** How long their job history is kept. */
  retentionDays: Scalars['Int']['output'];
};

/** An agent's jobs that started in [from, to). */
export type BackupReport = {
  __typename?: 'BackupReport';
  agent: BackupAgent;
  /** Mean duration of the finished jobs, in seconds; null when none finished. */
  averageDurationSeconds?: Maybe<Scalars['Float']['output']>;
  failed: Scalars['Int']['output'];
  from: Scalars['DateTime']['output'];
  /** Jobs reported (started, succeeded or failed). */
  jobs: Scalars['Int']['output'];
  lastSuccessAt?: Maybe<Scalars['DateTime']['output']>;
  succeeded: Scalars['Int']['output'];
  /** succeeded / (succeeded + failed), from 0 to 1; null when no job finished. */
  successRate?: Maybe<Scalars['Float']['output']>;
  to: Scalars['DateTime']['output'];
  /** Bytes of the successful jobs. */
  totalBytes: Scalars['Long']['output'];
};

export type CreateBackupPolicyInput = {
  /** 15 to 43200 (30 days). */
  expectedIntervalMinutes: Scalars['Int']['input'];
  /** 1 to 100 characters. */
  name: Scalars['String']['input'];
  /** 1 to 3650. */
  retentionDays: Scalars['Int']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** The alert's owner (or an admin or operator) acknowledges it; it stays unresolved until a success. */
  acknowledgeBackupAlert: BackupAlert;
  createBackupPolicy: BackupPolicy;
  /** A new agent under one of the viewer's policies, with its API key (shown once). */
  registerBackupAgent: BackupAgentRegistration;
  /**
   * Sent by an agent with its own key (`x-api-key`): one job's progress or outcome. A success
   * resolves the agent's open alerts; a failure raises a FAILED_BACKUP alert.
   */
  reportBackupJob: BackupJob;
  /** The owner (or an admin) revokes the agent's key; `rotateBackupAgentKey` issues a new one. */
  revokeBackupAgentKey: BackupAgent;
  /**
   * The owner (or an admin) replaces the agent's key: the old one stops working (the router may
   * accept it for up to 30 s more, from its cache) and the new one is shown once.
   */
  rotateBackupAgentKey: BackupAgentRegistration;
};


export type MutationAcknowledgeBackupAlertArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateBackupPolicyArgs = {
  input: CreateBackupPolicyInput;
};


export type MutationRegisterBackupAgentArgs = {
  input: RegisterBackupAgentInput;
};


export type MutationReportBackupJobArgs = {
  input: ReportBackupJobInput;
};


export type MutationRevokeBackupAgentKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRotateBackupAgentKeyArgs = {
  id: Scalars['ID']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The viewer's agents (admins and operators: everyone's), newest first. */
  backupAgents: BackupAgentConnection;
  /** The viewer's alerts (admins and operators: everyone's), newest first, optionally of one status. */
  backupAlerts: BackupAlertConnection;
  /** The viewer's policies (admins and operators: everyone's), oldest first, at most `first` (1 to 100). */
  backupPolicies: Array<BackupPolicy>;
  /** An agent's figures over [from, to) (at most 366 days): its owner, admins and operators. */
  backupReport: BackupReport;
};


export type QueryBackupAgentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<BackupAgentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryBackupAlertsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<BackupAlertStatus>;
};


export type QueryBackupPoliciesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryBackupReportArgs = {
  agentId: Scalars['ID']['input'];
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};

export type RegisterBackupAgentInput = {
  /** 1 to 253 characters. */
  hostname: Scalars['String']['input'];
  /** 1 to 100 characters. */
  os: Scalars['String']['input'];
  /** One of the viewer's policies. */
  policyId: Scalars['ID']['input'];
};

export type ReportBackupJobInput = {
  /** With FAILED only; up to 2000 characters. */
  error?: InputMaybe<Scalars['String']['input']>;
  /** 0 or more. */
  fileCount?: InputMaybe<Scalars['Int']['input']>;
  /** Required with SUCCEEDED and FAILED, absent with STARTED; not before `startedAt`, at most 5 minutes ahead. */
  finishedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** 0 to 2^63 − 1. */
  sizeBytes?: InputMaybe<Scalars['Long']['input']>;
  /**
   * Identifies the job: a later report with the same `startedAt` (STARTED, then SUCCEEDED or FAILED)
   * completes it. At most 5 minutes ahead of the server's clock and at most 366 days old.
   */
  startedAt: Scalars['DateTime']['input'];
  status: BackupJobStatus;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Each alert raised (or escalated to CRITICAL) for the viewer's agents; admins and operators get everyone's. */
  backupAlertRaised: BackupAlert;
};

export type User = {
  __typename?: 'User';
  /**
   * The user's backup agents, oldest first, at most `first` (1 to 100, default 20); empty for anyone
   * but the user themself, admins and operators.
   */
  backupAgents: Array<BackupAgent>;
  id: Scalars['ID']['output'];
};


export type UserBackupAgentsArgs = {
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
  BackupAgent: BackupAgent;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  BackupAgent:
    ( { __typename: 'BackupAgent' }
    & GraphQLRecursivePick<FederationTypes['BackupAgent'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  BackupAgent: ResolverTypeWrapper<BackupAgentEntity>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  BackupAgentConnection: ResolverTypeWrapper<AgentPageEntity>;
  BackupAgentEdge: ResolverTypeWrapper<Omit<BackupAgentEdge, 'node'> & { node: ResolversTypes['BackupAgent'] }>;
  BackupAgentFilter: BackupAgentFilter;
  BackupAgentRegistration: ResolverTypeWrapper<RegistrationEntity>;
  BackupAlert: ResolverTypeWrapper<BackupAlertEntity>;
  BackupAlertCause: BackupAlertCause;
  BackupAlertConnection: ResolverTypeWrapper<AlertPageEntity>;
  BackupAlertEdge: ResolverTypeWrapper<Omit<BackupAlertEdge, 'node'> & { node: ResolversTypes['BackupAlert'] }>;
  BackupAlertSeverity: BackupAlertSeverity;
  BackupAlertStatus: BackupAlertStatus;
  BackupHealth: BackupHealth;
  BackupJob: ResolverTypeWrapper<BackupJobEntity>;
  BackupJobConnection: ResolverTypeWrapper<JobPageEntity>;
  BackupJobEdge: ResolverTypeWrapper<Omit<BackupJobEdge, 'node'> & { node: ResolversTypes['BackupJob'] }>;
  BackupJobStatus: BackupJobStatus;
  BackupPolicy: ResolverTypeWrapper<BackupPolicyEntity>;
  BackupReport: ResolverTypeWrapper<BackupReportViewEntity>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  CreateBackupPolicyInput: CreateBackupPolicyInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Long: ResolverTypeWrapper<Scalars['Long']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegisterBackupAgentInput: RegisterBackupAgentInput;
  ReportBackupJobInput: ReportBackupJobInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  User: ResolverTypeWrapper<UserReferenceEntity>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  BackupAgent: BackupAgentEntity;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  BackupAgentConnection: AgentPageEntity;
  BackupAgentEdge: Omit<BackupAgentEdge, 'node'> & { node: ResolversParentTypes['BackupAgent'] };
  BackupAgentFilter: BackupAgentFilter;
  BackupAgentRegistration: RegistrationEntity;
  BackupAlert: BackupAlertEntity;
  BackupAlertConnection: AlertPageEntity;
  BackupAlertEdge: Omit<BackupAlertEdge, 'node'> & { node: ResolversParentTypes['BackupAlert'] };
  BackupJob: BackupJobEntity;
  BackupJobConnection: JobPageEntity;
  BackupJobEdge: Omit<BackupJobEdge, 'node'> & { node: ResolversParentTypes['BackupJob'] };
  BackupPolicy: BackupPolicyEntity;
  BackupReport: BackupReportViewEntity;
  Float: Scalars['Float']['output'];
  CreateBackupPolicyInput: CreateBackupPolicyInput;
  DateTime: Scalars['DateTime']['output'];
  Long: Scalars['Long']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  RegisterBackupAgentInput: RegisterBackupAgentInput;
  ReportBackupJobInput: ReportBackupJobInput;
  Subscription: Record<PropertyKey, never>;
  User: UserReferenceEntity;
}>;

export type BackupAgentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BackupAgent'] = ResolversParentTypes['BackupAgent'], FederationReferenceType extends FederationReferenceTypes['BackupAgent'] = FederationReferenceTypes['BackupAgent']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['BackupAgent']> | FederationReferenceType, FederationReferenceType, ContextType>;
  apiKeyPrefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  apiKeyRevokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  health?: Resolver<ResolversTypes['BackupHealth'], ParentType, ContextType>;
  hostname?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jobs?: Resolver<ResolversTypes['BackupJobConnection'], ParentType, ContextType, RequireFields<BackupAgentJobsArgs, 'first'>>;
  lastSeenAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastSuccessAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  os?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  policy?: Resolver<ResolversTypes['BackupPolicy'], ParentType, ContextType>;
}>;

export type BackupAgentConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BackupAgentConnection'] = ResolversParentTypes['BackupAgentConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['BackupAgentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type BackupAgentEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BackupAgentEdge'] = ResolversParentTypes['BackupAgentEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['BackupAgent'], ParentType, ContextType>;
}>;

export type BackupAgentRegistrationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BackupAgentRegistration'] = ResolversParentTypes['BackupAgentRegistration']> = ResolversObject<{
  agent?: Resolver<ResolversTypes['BackupAgent'], ParentType, ContextType>;
  apiKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type BackupAlertResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BackupAlert'] = ResolversParentTypes['BackupAlert']> = ResolversObject<{
  acknowledgedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  agent?: Resolver<ResolversTypes['BackupAgent'], ParentType, ContextType>;
  cause?: Resolver<ResolversTypes['BackupAlertCause'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  raisedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  resolvedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['BackupAlertSeverity'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['BackupAlertStatus'], ParentType, ContextType>;
}>;

export type BackupAlertConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BackupAlertConnection'] = ResolversParentTypes['BackupAlertConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['BackupAlertEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type BackupAlertEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BackupAlertEdge'] = ResolversParentTypes['BackupAlertEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['BackupAlert'], ParentType, ContextType>;
}>;

export type BackupJobResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BackupJob'] = ResolversParentTypes['BackupJob']> = ResolversObject<{
  agent?: Resolver<ResolversTypes['BackupAgent'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fileCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  sizeBytes?: Resolver<Maybe<ResolversTypes['Long']>, ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['BackupJobStatus'], ParentType, ContextType>;
}>;

export type BackupJobConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BackupJobConnection'] = ResolversParentTypes['BackupJobConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['BackupJobEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type BackupJobEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BackupJobEdge'] = ResolversParentTypes['BackupJobEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['BackupJob'], ParentType, ContextType>;
}>;

export type BackupPolicyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BackupPolicy'] = ResolversParentTypes['BackupPolicy']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expectedIntervalMinutes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  retentionDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type BackupReportResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BackupReport'] = ResolversParentTypes['BackupReport']> = ResolversObject<{
  agent?: Resolver<ResolversTypes['BackupAgent'], ParentType, ContextType>;
  averageDurationSeconds?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  jobs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastSuccessAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  succeeded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  successRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  totalBytes?: Resolver<ResolversTypes['Long'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface LongScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Long'], any> {
  name: 'Long';
}

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  acknowledgeBackupAlert?: Resolver<ResolversTypes['BackupAlert'], ParentType, ContextType, RequireFields<MutationAcknowledgeBackupAlertArgs, 'id'>>;
  createBackupPolicy?: Resolver<ResolversTypes['BackupPolicy'], ParentType, ContextType, RequireFields<MutationCreateBackupPolicyArgs, 'input'>>;
  registerBackupAgent?: Resolver<ResolversTypes['BackupAgentRegistration'], ParentType, ContextType, RequireFields<MutationRegisterBackupAgentArgs, 'input'>>;
  reportBackupJob?: Resolver<ResolversTypes['BackupJob'], ParentType, ContextType, RequireFields<MutationReportBackupJobArgs, 'input'>>;
  revokeBackupAgentKey?: Resolver<ResolversTypes['BackupAgent'], ParentType, ContextType, RequireFields<MutationRevokeBackupAgentKeyArgs, 'id'>>;
  rotateBackupAgentKey?: Resolver<ResolversTypes['BackupAgentRegistration'], ParentType, ContextType, RequireFields<MutationRotateBackupAgentKeyArgs, 'id'>>;
}>;

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  backupAgents?: Resolver<ResolversTypes['BackupAgentConnection'], ParentType, ContextType, RequireFields<QueryBackupAgentsArgs, 'first'>>;
  backupAlerts?: Resolver<ResolversTypes['BackupAlertConnection'], ParentType, ContextType, RequireFields<QueryBackupAlertsArgs, 'first'>>;
  backupPolicies?: Resolver<Array<ResolversTypes['BackupPolicy']>, ParentType, ContextType, RequireFields<QueryBackupPoliciesArgs, 'first'>>;
  backupReport?: Resolver<ResolversTypes['BackupReport'], ParentType, ContextType, RequireFields<QueryBackupReportArgs, 'agentId' | 'from' | 'to'>>;
}>;

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  backupAlertRaised?: SubscriptionResolver<ResolversTypes['BackupAlert'], "backupAlertRaised", ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  backupAgents?: Resolver<Array<ResolversTypes['BackupAgent']>, ParentType, ContextType, RequireFields<UserBackupAgentsArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  BackupAgent?: BackupAgentResolvers<ContextType>;
  BackupAgentConnection?: BackupAgentConnectionResolvers<ContextType>;
  BackupAgentEdge?: BackupAgentEdgeResolvers<ContextType>;
  BackupAgentRegistration?: BackupAgentRegistrationResolvers<ContextType>;
  BackupAlert?: BackupAlertResolvers<ContextType>;
  BackupAlertConnection?: BackupAlertConnectionResolvers<ContextType>;
  BackupAlertEdge?: BackupAlertEdgeResolvers<ContextType>;
  BackupJob?: BackupJobResolvers<ContextType>;
  BackupJobConnection?: BackupJobConnectionResolvers<ContextType>;
  BackupJobEdge?: BackupJobEdgeResolvers<ContextType>;
  BackupPolicy?: BackupPolicyResolvers<ContextType>;
  BackupReport?: BackupReportResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Long?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

