import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Room as RoomEntity } from '../entities/Room';
import type { Message as MessageEntity } from '../entities/Message';
import type { Notification as NotificationEntity } from '../entities/Notification';
import type { ReactionView as ReactionViewEntity, PresenceView as PresenceViewEntity, TypingView as TypingViewEntity, UserReference as UserReferenceEntity, OrderReference as OrderReferenceEntity } from '../views';
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

export type CreateRoomInput = {
  /** GROUP: 1 to 100 characters. DIRECT: none. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** The other participants (the caller always joins): exactly one for DIRECT, 1 to 99 for GROUP. */
  participantIds: Array<Scalars['ID']['input']>;
  type: RoomType;
};

export type EditMessageInput = {
  content: Scalars['String']['input'];
  messageId: Scalars['ID']['input'];
};

/** One message. `content` is plain text, stored and returned as sent: clients must never render it as markup. */
export type Message = {
  __typename?: 'Message';
  /** The sender's own id for it (`SendMessageInput.clientMessageId`); null when none was given. */
  clientMessageId?: Maybe<Scalars['String']['output']>;
  content: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** When the sender last edited it; null if never. */
  editedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  reactions: Array<Reaction>;
  /** Participants other than the sender who have read up to this message. */
  readBy: Array<User>;
  room: Room;
  sender?: Maybe<User>;
};

export type MessageConnection = {
  __typename?: 'MessageConnection';
  edges: Array<MessageEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type MessageEdge = {
  __typename?: 'MessageEdge';
  cursor: Scalars['String']['output'];
  node: Message;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** A DIRECT room between the same two users exists once: asking again returns it. */
  createRoom: Room;
  /** The sender only. */
  editMessage: Message;
  /** The viewer's presence from this device for the next 60 s (send it again within that time to stay). */
  heartbeat: Presence;
  markNotificationRead: Notification;
  /** Marks every message of the room read for the viewer (read receipts and unread counts follow). */
  markRoomRead: Room;
  reactToMessage: Message;
  sendMessage: Message;
  /** Tells the room's other participants; `typing: true` lapses by itself after 5 s unless sent again. */
  setTyping: Scalars['Boolean']['output'];
};


export type MutationCreateRoomArgs = {
  input: CreateRoomInput;
};


export type MutationEditMessageArgs = {
  input: EditMessageInput;
};


export type MutationHeartbeatArgs = {
  status: PresenceStatus;
};


export type MutationMarkNotificationReadArgs = {
  id: Scalars['ID']['input'];
};


export type MutationMarkRoomReadArgs = {
  roomId: Scalars['ID']['input'];
};


export type MutationReactToMessageArgs = {
  input: ReactToMessageInput;
};


export type MutationSendMessageArgs = {
  input: SendMessageInput;
};


export type MutationSetTypingArgs = {
  roomId: Scalars['ID']['input'];
  typing: Scalars['Boolean']['input'];
};

/** An entry of a user's inbox, made from a domain event (an order's status, a delivery, a refund, a backup alert). */
export type Notification = {
  __typename?: 'Notification';
  body: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  kind: NotificationKind;
  /** The order it is about, when it is about one. */
  order?: Maybe<Order>;
  read: Scalars['Boolean']['output'];
  readAt?: Maybe<Scalars['DateTime']['output']>;
  title: Scalars['String']['output'];
};

export type NotificationConnection = {
  __typename?: 'NotificationConnection';
  edges: Array<NotificationEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type NotificationEdge = {
  __typename?: 'NotificationEdge';
  cursor: Scalars['String']['output'];
  node: Notification;
};

export type NotificationKind =
  | 'BACKUP_ALERT'
  | 'DELIVERY_ASSIGNED'
  | 'DELIVERY_FAILED'
  | 'ORDER_STATUS'
  | 'PAYMENT_REFUNDED';

export type Order = {
  __typename?: 'Order';
  id: Scalars['ID']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** Whether a user is reachable now: ONLINE or AWAY while a connection or heartbeat of theirs is live, OFFLINE otherwise (docs/messaging.md has the timings). */
export type Presence = {
  __typename?: 'Presence';
  /** When the user was last seen connected; null if never. */
  lastSeenAt?: Maybe<Scalars['DateTime']['output']>;
  status: PresenceStatus;
  user: User;
};

export type PresenceStatus =
  | 'AWAY'
  | 'OFFLINE'
  | 'ONLINE';

export type Query = {
  __typename?: 'Query';
  /** The viewer's inbox, newest first (`first` 1 to 100, default 20). */
  notifications: NotificationConnection;
  /** A room of the viewer's; null when there is none or the viewer is not in it. */
  room?: Maybe<Room>;
  /** The viewer's rooms, newest first (`first` 1 to 100, default 20). */
  rooms: RoomConnection;
  /** Unread messages of others across all the viewer's rooms. */
  unreadMessageCount: Scalars['Int']['output'];
};


export type QueryNotificationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  unreadOnly?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryRoomArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRoomsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ReactToMessageInput = {
  /** One emoji (or a short code), at most 16 characters. */
  emoji: Scalars['String']['input'];
  messageId: Scalars['ID']['input'];
  /** true takes the viewer's reaction back. */
  remove?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Everyone who reacted to a message with one emoji. */
export type Reaction = {
  __typename?: 'Reaction';
  count: Scalars['Int']['output'];
  emoji: Scalars['String']['output'];
  users: Array<User>;
};

/** A conversation: DIRECT between two users (one room per pair, ever), or GROUP with a name. */
export type Room = {
  __typename?: 'Room';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The newest message; null in an empty room. */
  lastMessage?: Maybe<Message>;
  /** Newest first; the cursor is the message's place in the room, stable however many arrive meanwhile (`first` 1 to 100, default 20). */
  messages: MessageConnection;
  /** Null for a DIRECT room. */
  name?: Maybe<Scalars['String']['output']>;
  participants: Array<User>;
  type: RoomType;
  /** Messages of others the viewer has not read yet (after their last `markRoomRead` or own message). */
  unreadCount: Scalars['Int']['output'];
};


/** A conversation: DIRECT between two users (one room per pair, ever), or GROUP with a name. */
export type RoomMessagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type RoomConnection = {
  __typename?: 'RoomConnection';
  edges: Array<RoomEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type RoomEdge = {
  __typename?: 'RoomEdge';
  cursor: Scalars['String']['output'];
  node: Room;
};

export type RoomType =
  | 'DIRECT'
  | 'GROUP';

export type SendMessageInput = {
  /** The sender's own id for this message (1 to 100 characters): a retried send with the same id returns the first message, never a second. */
  clientMessageId?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 4,000 characters, not only whitespace, no control characters other than newline and tab. */
  content: Scalars['String']['input'];
  roomId: Scalars['ID']['input'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** New messages of a room the viewer is in, in the order they were sent. */
  messageAdded: Message;
  /** Edits and reactions of a room's messages. */
  messageUpdated: Message;
  /** The viewer's new notifications. */
  notificationAdded: Notification;
  /** Presence changes of these users (at most 100). Refused with FORBIDDEN if any of them shares no room with the viewer (admins may follow anyone). */
  presenceChanged: Presence;
  /** Others starting and stopping to type in a room the viewer is in. */
  typing: TypingEvent;
};


export type SubscriptionMessageAddedArgs = {
  roomId: Scalars['ID']['input'];
};


export type SubscriptionMessageUpdatedArgs = {
  roomId: Scalars['ID']['input'];
};


export type SubscriptionPresenceChangedArgs = {
  userIds: Array<Scalars['ID']['input']>;
};


export type SubscriptionTypingArgs = {
  roomId: Scalars['ID']['input'];
};

/** Someone started or stopped typing in a room. `typing: false` also comes by itself 5 s after the last `setTyping(typing: true)`. */
export type TypingEvent = {
  __typename?: 'TypingEvent';
  room: Room;
  typing: Scalars['Boolean']['output'];
  user: User;
};

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /** The user's inbox, newest first (the user themself and admins only). */
  notifications: NotificationConnection;
  /** Anyone who shares a room with the user, the user themself and admins; null for others. */
  presence?: Maybe<Presence>;
  /** Notifications not read yet (the user themself and admins only). */
  unreadNotificationCount: Scalars['Int']['output'];
};


export type UserNotificationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  unreadOnly?: InputMaybe<Scalars['Boolean']['input']>;
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
  Message: Message;
  Notification: Notification;
  Room: Room;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Message:
    ( { __typename: 'Message' }
    & GraphQLRecursivePick<FederationTypes['Message'], {"id":true}> );
  Notification:
    ( { __typename: 'Notification' }
    & GraphQLRecursivePick<FederationTypes['Notification'], {"id":true}> );
  Room:
    ( { __typename: 'Room' }
    & GraphQLRecursivePick<FederationTypes['Room'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  CreateRoomInput: CreateRoomInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  EditMessageInput: EditMessageInput;
  Message: ResolverTypeWrapper<MessageEntity>;
  MessageConnection: ResolverTypeWrapper<Omit<MessageConnection, 'edges'> & { edges: Array<ResolversTypes['MessageEdge']> }>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  MessageEdge: ResolverTypeWrapper<Omit<MessageEdge, 'node'> & { node: ResolversTypes['Message'] }>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Notification: ResolverTypeWrapper<NotificationEntity>;
  NotificationConnection: ResolverTypeWrapper<Omit<NotificationConnection, 'edges'> & { edges: Array<ResolversTypes['NotificationEdge']> }>;
  NotificationEdge: ResolverTypeWrapper<Omit<NotificationEdge, 'node'> & { node: ResolversTypes['Notification'] }>;
  NotificationKind: NotificationKind;
  Order: ResolverTypeWrapper<OrderReferenceEntity>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Presence: ResolverTypeWrapper<PresenceViewEntity>;
  PresenceStatus: PresenceStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReactToMessageInput: ReactToMessageInput;
  Reaction: ResolverTypeWrapper<ReactionViewEntity>;
  Room: ResolverTypeWrapper<RoomEntity>;
  RoomConnection: ResolverTypeWrapper<Omit<RoomConnection, 'edges'> & { edges: Array<ResolversTypes['RoomEdge']> }>;
  RoomEdge: ResolverTypeWrapper<Omit<RoomEdge, 'node'> & { node: ResolversTypes['Room'] }>;
  RoomType: RoomType;
  SendMessageInput: SendMessageInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TypingEvent: ResolverTypeWrapper<TypingViewEntity>;
  User: ResolverTypeWrapper<UserReferenceEntity>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  CreateRoomInput: CreateRoomInput;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  DateTime: Scalars['DateTime']['output'];
  EditMessageInput: EditMessageInput;
  Message: MessageEntity;
  MessageConnection: Omit<MessageConnection, 'edges'> & { edges: Array<ResolversParentTypes['MessageEdge']> };
  Int: Scalars['Int']['output'];
  MessageEdge: Omit<MessageEdge, 'node'> & { node: ResolversParentTypes['Message'] };
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  Notification: NotificationEntity;
  NotificationConnection: Omit<NotificationConnection, 'edges'> & { edges: Array<ResolversParentTypes['NotificationEdge']> };
  NotificationEdge: Omit<NotificationEdge, 'node'> & { node: ResolversParentTypes['Notification'] };
  Order: OrderReferenceEntity;
  PageInfo: PageInfo;
  Presence: PresenceViewEntity;
  Query: Record<PropertyKey, never>;
  ReactToMessageInput: ReactToMessageInput;
  Reaction: ReactionViewEntity;
  Room: RoomEntity;
  RoomConnection: Omit<RoomConnection, 'edges'> & { edges: Array<ResolversParentTypes['RoomEdge']> };
  RoomEdge: Omit<RoomEdge, 'node'> & { node: ResolversParentTypes['Room'] };
  SendMessageInput: SendMessageInput;
  Subscription: Record<PropertyKey, never>;
  TypingEvent: TypingViewEntity;
  User: UserReferenceEntity;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MessageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Message'] = ResolversParentTypes['Message'], FederationReferenceType extends FederationReferenceTypes['Message'] = FederationReferenceTypes['Message']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Message']> | FederationReferenceType, FederationReferenceType, ContextType>;
  clientMessageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  content?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  editedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reactions?: Resolver<Array<ResolversTypes['Reaction']>, ParentType, ContextType>;
  readBy?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  room?: Resolver<ResolversTypes['Room'], ParentType, ContextType>;
  sender?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
}>;

export type MessageConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MessageConnection'] = ResolversParentTypes['MessageConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['MessageEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MessageEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MessageEdge'] = ResolversParentTypes['MessageEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Message'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  createRoom?: Resolver<ResolversTypes['Room'], ParentType, ContextType, RequireFields<MutationCreateRoomArgs, 'input'>>;
  editMessage?: Resolver<ResolversTypes['Message'], ParentType, ContextType, RequireFields<MutationEditMessageArgs, 'input'>>;
  heartbeat?: Resolver<ResolversTypes['Presence'], ParentType, ContextType, RequireFields<MutationHeartbeatArgs, 'status'>>;
  markNotificationRead?: Resolver<ResolversTypes['Notification'], ParentType, ContextType, RequireFields<MutationMarkNotificationReadArgs, 'id'>>;
  markRoomRead?: Resolver<ResolversTypes['Room'], ParentType, ContextType, RequireFields<MutationMarkRoomReadArgs, 'roomId'>>;
  reactToMessage?: Resolver<ResolversTypes['Message'], ParentType, ContextType, RequireFields<MutationReactToMessageArgs, 'input'>>;
  sendMessage?: Resolver<ResolversTypes['Message'], ParentType, ContextType, RequireFields<MutationSendMessageArgs, 'input'>>;
  setTyping?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationSetTypingArgs, 'roomId' | 'typing'>>;
}>;

export type NotificationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Notification'] = ResolversParentTypes['Notification'], FederationReferenceType extends FederationReferenceTypes['Notification'] = FederationReferenceTypes['Notification']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Notification']> | FederationReferenceType, FederationReferenceType, ContextType>;
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['NotificationKind'], ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  read?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  readAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type NotificationConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['NotificationConnection'] = ResolversParentTypes['NotificationConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['NotificationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type NotificationEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['NotificationEdge'] = ResolversParentTypes['NotificationEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Notification'], ParentType, ContextType>;
}>;

export type OrderResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PresenceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Presence'] = ResolversParentTypes['Presence']> = ResolversObject<{
  lastSeenAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PresenceStatus'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  notifications?: Resolver<ResolversTypes['NotificationConnection'], ParentType, ContextType, Partial<QueryNotificationsArgs>>;
  room?: Resolver<Maybe<ResolversTypes['Room']>, ParentType, ContextType, RequireFields<QueryRoomArgs, 'id'>>;
  rooms?: Resolver<ResolversTypes['RoomConnection'], ParentType, ContextType, Partial<QueryRoomsArgs>>;
  unreadMessageCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ReactionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Reaction'] = ResolversParentTypes['Reaction']> = ResolversObject<{
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  emoji?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  users?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
}>;

export type RoomResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Room'] = ResolversParentTypes['Room'], FederationReferenceType extends FederationReferenceTypes['Room'] = FederationReferenceTypes['Room']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Room']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastMessage?: Resolver<Maybe<ResolversTypes['Message']>, ParentType, ContextType>;
  messages?: Resolver<ResolversTypes['MessageConnection'], ParentType, ContextType, Partial<RoomMessagesArgs>>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  participants?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['RoomType'], ParentType, ContextType>;
  unreadCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type RoomConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RoomConnection'] = ResolversParentTypes['RoomConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['RoomEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type RoomEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RoomEdge'] = ResolversParentTypes['RoomEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Room'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  messageAdded?: SubscriptionResolver<ResolversTypes['Message'], "messageAdded", ParentType, ContextType, RequireFields<SubscriptionMessageAddedArgs, 'roomId'>>;
  messageUpdated?: SubscriptionResolver<ResolversTypes['Message'], "messageUpdated", ParentType, ContextType, RequireFields<SubscriptionMessageUpdatedArgs, 'roomId'>>;
  notificationAdded?: SubscriptionResolver<ResolversTypes['Notification'], "notificationAdded", ParentType, ContextType>;
  presenceChanged?: SubscriptionResolver<ResolversTypes['Presence'], "presenceChanged", ParentType, ContextType, RequireFields<SubscriptionPresenceChangedArgs, 'userIds'>>;
  typing?: SubscriptionResolver<ResolversTypes['TypingEvent'], "typing", ParentType, ContextType, RequireFields<SubscriptionTypingArgs, 'roomId'>>;
}>;

export type TypingEventResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TypingEvent'] = ResolversParentTypes['TypingEvent']> = ResolversObject<{
  room?: Resolver<ResolversTypes['Room'], ParentType, ContextType>;
  typing?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  notifications?: Resolver<ResolversTypes['NotificationConnection'], ParentType, ContextType, Partial<UserNotificationsArgs>>;
  presence?: Resolver<Maybe<ResolversTypes['Presence']>, ParentType, ContextType>;
  unreadNotificationCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  Message?: MessageResolvers<ContextType>;
  MessageConnection?: MessageConnectionResolvers<ContextType>;
  MessageEdge?: MessageEdgeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Notification?: NotificationResolvers<ContextType>;
  NotificationConnection?: NotificationConnectionResolvers<ContextType>;
  NotificationEdge?: NotificationEdgeResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Presence?: PresenceResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Reaction?: ReactionResolvers<ContextType>;
  Room?: RoomResolvers<ContextType>;
  RoomConnection?: RoomConnectionResolvers<ContextType>;
  RoomEdge?: RoomEdgeResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TypingEvent?: TypingEventResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

