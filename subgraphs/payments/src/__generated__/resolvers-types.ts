import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Payment as PaymentEntity } from '../entities/Payment';
import type { Refund as RefundEntity } from '../entities/Refund';
import type { CreditLine as CreditLineEntity } from '../entities/CreditLine';
import type { InstallmentPlan as InstallmentPlanEntity } from '../entities/InstallmentPlan';
import type { Installment as InstallmentEntity } from '../entities/Installment';
import type { OrderReference as OrderReferenceEntity, UserReference as UserReferenceEntity } from '../references';
import type { Context } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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

export type ApplyForCreditInput = {
  /** In minor units; 0 to 100000000. */
  monthlyIncome: Scalars['Int']['input'];
  /** In minor units; at least 10000 (100.00). */
  requestedLimit: Scalars['Int']['input'];
};

export type CreditLine = {
  __typename?: 'CreditLine';
  /** The limit minus the principal still owed; interest never uses up the line. */
  available: Money;
  id: Scalars['ID']['output'];
  installmentPlans: Array<InstallmentPlan>;
  limit: Money;
  status: CreditLineStatus;
};

export type CreditLineStatus =
  | 'APPROVED'
  | 'DECLINED'
  | 'SUSPENDED';

export type Installment = {
  __typename?: 'Installment';
  amount: Money;
  dueDate: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  interest: Money;
  number: Scalars['Int']['output'];
  paidAt?: Maybe<Scalars['DateTime']['output']>;
  principal: Money;
  status: InstallmentStatus;
};

export type InstallmentPlan = {
  __typename?: 'InstallmentPlan';
  count: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  installments: Array<Installment>;
  monthlyRateBasisPoints: Scalars['Int']['output'];
  order: Order;
  principal: Money;
  /** Principal plus every installment's interest. */
  total: Money;
};

export type InstallmentStatus =
  | 'OVERDUE'
  | 'PAID'
  | 'PENDING';

export type Money = {
  __typename?: 'Money';
  /** In minor units (cents). */
  amount: Scalars['Int']['output'];
  /** ISO 4217 code. */
  currency: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * The signed-in customer applies for a credit line: scored from the declared income and their
   * payment history. A DECLINED line may apply again; an APPROVED one gets CONFLICT.
   */
  applyForCredit: CreditLine;
  /**
   * The credit line's owner pays one PENDING or OVERDUE installment; the available balance goes up
   * by its principal.
   */
  payInstallment: Installment;
  /**
   * Admins: refunds `amount` (minor units) of a captured payment, never more than captured minus
   * already refunded.
   */
  refundPayment: Payment;
};


export type MutationApplyForCreditArgs = {
  input: ApplyForCreditInput;
};


export type MutationPayInstallmentArgs = {
  installmentId: Scalars['ID']['input'];
};


export type MutationRefundPaymentArgs = {
  amount: Scalars['Int']['input'];
  paymentId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};

export type Order = {
  __typename?: 'Order';
  id: Scalars['ID']['output'];
  /**
   * The order's payment; null when the customer chose no payment (the order waits CONFIRMED), or
   * before payments has received the confirmed order. Only the order's customer and admins.
   */
  payment?: Maybe<Payment>;
};

/** One order's payment: charged once, refunded in parts or in full. */
export type Payment = {
  __typename?: 'Payment';
  /** The order's total, as confirmed by orders. */
  amount: Money;
  createdAt: Scalars['DateTime']['output'];
  /** Why the payment failed, when it did. */
  failureReason?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The plan of a CREDIT_LINE payment. */
  installmentPlan?: Maybe<InstallmentPlan>;
  method: PaymentMethod;
  order: Order;
  /** `simulated`, `stripe`, or `credit_line`. */
  provider: Scalars['String']['output'];
  /** The provider's reference of the charge, once captured. */
  reference?: Maybe<Scalars['String']['output']>;
  refunds: Array<Refund>;
  status: PaymentStatus;
};

/** How the customer pays an order (the same enum as orders' `CheckoutInput.paymentMethod`). */
export type PaymentMethod =
  | 'CARD'
  | 'CREDIT_LINE';

export type PaymentStatus =
  | 'AUTHORIZED'
  | 'CAPTURED'
  | 'FAILED'
  | 'PARTIALLY_REFUNDED'
  | 'PENDING'
  | 'REFUNDED';

export type Query = {
  __typename?: 'Query';
  /** One payment: its order's customer and admins; anyone else gets NOT_FOUND. */
  payment?: Maybe<Payment>;
};


export type QueryPaymentArgs = {
  id: Scalars['ID']['input'];
};

export type Refund = {
  __typename?: 'Refund';
  amount: Money;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  reason?: Maybe<Scalars['String']['output']>;
};

export type User = {
  __typename?: 'User';
  /** The user's credit line (null if they never applied). Only the user themself and admins. */
  creditLine?: Maybe<CreditLine>;
  id: Scalars['ID']['output'];
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
  CreditLine: CreditLine;
  Order: Order;
  Payment: Payment;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  CreditLine:
    ( { __typename: 'CreditLine' }
    & GraphQLRecursivePick<FederationTypes['CreditLine'], {"id":true}> );
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
  Payment:
    ( { __typename: 'Payment' }
    & GraphQLRecursivePick<FederationTypes['Payment'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  ApplyForCreditInput: ApplyForCreditInput;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CreditLine: ResolverTypeWrapper<CreditLineEntity>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CreditLineStatus: CreditLineStatus;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Installment: ResolverTypeWrapper<InstallmentEntity>;
  InstallmentPlan: ResolverTypeWrapper<InstallmentPlanEntity>;
  InstallmentStatus: InstallmentStatus;
  Money: ResolverTypeWrapper<Money>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Order: ResolverTypeWrapper<OrderReferenceEntity>;
  Payment: ResolverTypeWrapper<PaymentEntity>;
  PaymentMethod: PaymentMethod;
  PaymentStatus: PaymentStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Refund: ResolverTypeWrapper<RefundEntity>;
  User: ResolverTypeWrapper<UserReferenceEntity>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  ApplyForCreditInput: ApplyForCreditInput;
  Int: Scalars['Int']['output'];
  CreditLine: CreditLineEntity;
  ID: Scalars['ID']['output'];
  DateTime: Scalars['DateTime']['output'];
  Installment: InstallmentEntity;
  InstallmentPlan: InstallmentPlanEntity;
  Money: Money;
  String: Scalars['String']['output'];
  Mutation: Record<PropertyKey, never>;
  Order: OrderReferenceEntity;
  Payment: PaymentEntity;
  Query: Record<PropertyKey, never>;
  Refund: RefundEntity;
  User: UserReferenceEntity;
  Boolean: Scalars['Boolean']['output'];
}>;

export type CreditLineResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CreditLine'] = ResolversParentTypes['CreditLine'], FederationReferenceType extends FederationReferenceTypes['CreditLine'] = FederationReferenceTypes['CreditLine']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CreditLine']> | FederationReferenceType, FederationReferenceType, ContextType>;
  available?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  installmentPlans?: Resolver<Array<ResolversTypes['InstallmentPlan']>, ParentType, ContextType>;
  limit?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CreditLineStatus'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type InstallmentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Installment'] = ResolversParentTypes['Installment']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  dueDate?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  interest?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  number?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  paidAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  principal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['InstallmentStatus'], ParentType, ContextType>;
}>;

export type InstallmentPlanResolvers<ContextType = Context, ParentType extends ResolversParentTypes['InstallmentPlan'] = ResolversParentTypes['InstallmentPlan']> = ResolversObject<{
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  installments?: Resolver<Array<ResolversTypes['Installment']>, ParentType, ContextType>;
  monthlyRateBasisPoints?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  principal?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  applyForCredit?: Resolver<ResolversTypes['CreditLine'], ParentType, ContextType, RequireFields<MutationApplyForCreditArgs, 'input'>>;
  payInstallment?: Resolver<ResolversTypes['Installment'], ParentType, ContextType, RequireFields<MutationPayInstallmentArgs, 'installmentId'>>;
  refundPayment?: Resolver<ResolversTypes['Payment'], ParentType, ContextType, RequireFields<MutationRefundPaymentArgs, 'amount' | 'paymentId'>>;
}>;

export type OrderResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  payment?: Resolver<Maybe<ResolversTypes['Payment']>, ParentType, ContextType>;
}>;

export type PaymentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Payment'] = ResolversParentTypes['Payment'], FederationReferenceType extends FederationReferenceTypes['Payment'] = FederationReferenceTypes['Payment']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Payment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  failureReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  installmentPlan?: Resolver<Maybe<ResolversTypes['InstallmentPlan']>, ParentType, ContextType>;
  method?: Resolver<ResolversTypes['PaymentMethod'], ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  refunds?: Resolver<Array<ResolversTypes['Refund']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PaymentStatus'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  payment?: Resolver<Maybe<ResolversTypes['Payment']>, ParentType, ContextType, RequireFields<QueryPaymentArgs, 'id'>>;
}>;

export type RefundResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Refund'] = ResolversParentTypes['Refund']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  creditLine?: Resolver<Maybe<ResolversTypes['CreditLine']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  CreditLine?: CreditLineResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Installment?: InstallmentResolvers<ContextType>;
  InstallmentPlan?: InstallmentPlanResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  Payment?: PaymentResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Refund?: RefundResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

