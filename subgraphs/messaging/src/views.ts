/** What GraphQL types that are not entities of this subgraph resolve from. */

/** A user of the users subgraph, by key. */
export interface UserReference {
  __typename: 'User';
  id: string;
}

export interface OrderReference {
  __typename: 'Order';
  id: string;
}

export type PresenceStatus = 'ONLINE' | 'AWAY' | 'OFFLINE';

export interface PresenceView {
  userId: string;
  status: PresenceStatus;
  lastSeenAt: Date | null;
}

export interface TypingView {
  roomId: string;
  userId: string;
  typing: boolean;
}

export interface ReactionView {
  emoji: string;
  userIds: string[];
}

export const userReference = (id: string): UserReference => ({ __typename: 'User', id });
export const orderReference = (id: string): OrderReference => ({ __typename: 'Order', id });
