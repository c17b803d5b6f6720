import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Delivery as DeliveryEntity } from '../entities/Delivery';
import type { TrackingPoint as TrackingPointEntity } from '../entities/TrackingPoint';
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

/**
 * Taking a paid order to the customer's door: PENDING until a courier has room, then ASSIGNED,
 * PICKED_UP, IN_TRANSIT and DELIVERED (or FAILED).
 */
export type Delivery = {
  __typename?: 'Delivery';
  /** Null while PENDING. */
  courier?: Maybe<User>;
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the parcel should arrive, from the courier's last reported point; null once DELIVERED or FAILED. */
  eta?: Maybe<Scalars['DateTime']['output']>;
  /** Why it FAILED, as the courier (or delivery, for a cancelled order) gave it. */
  failureReason?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  order: Order;
  proofOfDelivery?: Maybe<Scalars['String']['output']>;
  status: DeliveryStatus;
  /** The courier's reported points, oldest first. */
  trackingPoints: Array<TrackingPoint>;
};

export type DeliveryStatus =
  | 'ASSIGNED'
  | 'DELIVERED'
  | 'FAILED'
  | 'IN_TRANSIT'
  | 'PENDING'
  | 'PICKED_UP';

export type Money = {
  __typename?: 'Money';
  /** In minor units (cents). */
  amount: Scalars['Int']['output'];
  /** ISO 4217 code. */
  currency: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** The assigned courier's position: adds a tracking point and recomputes the ETA. */
  reportCourierLocation: Delivery;
  /**
   * Moves a delivery along (assigned courier or admin): ASSIGNED → PICKED_UP → IN_TRANSIT → DELIVERED,
   * or FAILED from any of them. Anything else is a CONFLICT.
   */
  updateDeliveryStatus: Delivery;
};


export type MutationReportCourierLocationArgs = {
  deliveryId: Scalars['ID']['input'];
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
};


export type MutationUpdateDeliveryStatusArgs = {
  id: Scalars['ID']['input'];
  proofOfDelivery?: InputMaybe<Scalars['String']['input']>;
  reason?: InputMaybe<Scalars['String']['input']>;
  status: DeliveryStatus;
};

export type Order = {
  __typename?: 'Order';
  /**
   * The order's delivery, once its payment was captured; null before, or for a viewer who may not
   * see it (the order's customer, the assigned courier, admins and operators may).
   */
  delivery?: Maybe<Delivery>;
  id: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The viewer's own deliveries, for couriers: open ones first, then newest. */
  courierDeliveries: Array<Delivery>;
  /** The price of shipping `weightGrams` to a saved address of the viewer's or to a zone. */
  shippingQuote: Money;
};


export type QueryCourierDeliveriesArgs = {
  status?: InputMaybe<DeliveryStatus>;
};


export type QueryShippingQuoteArgs = {
  input: ShippingQuoteInput;
};

export type ShippingQuoteInput = {
  /** One of the viewer's saved addresses; give either this or `zone`. */
  addressId?: InputMaybe<Scalars['ID']['input']>;
  /** 1 to 30000. */
  weightGrams: Scalars['Int']['input'];
  /** LOCAL, REGIONAL, NATIONAL or REMOTE; give either this or `addressId`. */
  zone?: InputMaybe<Scalars['String']['input']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * An order's delivery as it stands, then again after each change (status or location). The order's
   * customer, the assigned courier, admins and operators.
   */
  deliveryTracking: Delivery;
};


export type SubscriptionDeliveryTrackingArgs = {
  orderId: Scalars['ID']['input'];
};

export type TrackingPoint = {
  __typename?: 'TrackingPoint';
  at: Scalars['DateTime']['output'];
  lat: Scalars['Float']['output'];
  lng: Scalars['Float']['output'];
};

export type User = {
  __typename?: 'User';
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
  Delivery: Delivery;
  Order: Order;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Delivery:
    ( { __typename: 'Delivery' }
    & GraphQLRecursivePick<FederationTypes['Delivery'], {"id":true}> );
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Delivery: ResolverTypeWrapper<DeliveryEntity>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  DeliveryStatus: DeliveryStatus;
  Money: ResolverTypeWrapper<Money>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Order: ResolverTypeWrapper<OrderReferenceEntity>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ShippingQuoteInput: ShippingQuoteInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TrackingPoint: ResolverTypeWrapper<TrackingPointEntity>;
  User: ResolverTypeWrapper<UserReferenceEntity>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DateTime: Scalars['DateTime']['output'];
  Delivery: DeliveryEntity;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Money: Money;
  Int: Scalars['Int']['output'];
  Mutation: Record<PropertyKey, never>;
  Float: Scalars['Float']['output'];
  Order: OrderReferenceEntity;
  Query: Record<PropertyKey, never>;
  ShippingQuoteInput: ShippingQuoteInput;
  Subscription: Record<PropertyKey, never>;
  TrackingPoint: TrackingPointEntity;
  User: UserReferenceEntity;
  Boolean: Scalars['Boolean']['output'];
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeliveryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Delivery'] = ResolversParentTypes['Delivery'], FederationReferenceType extends FederationReferenceTypes['Delivery'] = FederationReferenceTypes['Delivery']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Delivery']> | FederationReferenceType, FederationReferenceType, ContextType>;
  courier?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  eta?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  failureReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
  proofOfDelivery?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['DeliveryStatus'], ParentType, ContextType>;
  trackingPoints?: Resolver<Array<ResolversTypes['TrackingPoint']>, ParentType, ContextType>;
}>;

export type MoneyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  reportCourierLocation?: Resolver<ResolversTypes['Delivery'], ParentType, ContextType, RequireFields<MutationReportCourierLocationArgs, 'deliveryId' | 'lat' | 'lng'>>;
  updateDeliveryStatus?: Resolver<ResolversTypes['Delivery'], ParentType, ContextType, RequireFields<MutationUpdateDeliveryStatusArgs, 'id' | 'status'>>;
}>;

export type OrderResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  delivery?: Resolver<Maybe<ResolversTypes['Delivery']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  courierDeliveries?: Resolver<Array<ResolversTypes['Delivery']>, ParentType, ContextType, Partial<QueryCourierDeliveriesArgs>>;
  shippingQuote?: Resolver<ResolversTypes['Money'], ParentType, ContextType, RequireFields<QueryShippingQuoteArgs, 'input'>>;
}>;

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  deliveryTracking?: SubscriptionResolver<ResolversTypes['Delivery'], "deliveryTracking", ParentType, ContextType, RequireFields<SubscriptionDeliveryTrackingArgs, 'orderId'>>;
}>;

export type TrackingPointResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TrackingPoint'] = ResolversParentTypes['TrackingPoint']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  lat?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  lng?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  Delivery?: DeliveryResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TrackingPoint?: TrackingPointResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

