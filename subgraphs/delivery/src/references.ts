/** Entities of other subgraphs, as delivery knows them: only their key. */
export interface UserReference {
  __typename: 'User';
  id: string;
}

/** An order: its id, to which delivery adds `Order.delivery`. */
export interface OrderReference {
  __typename?: 'Order';
  id: string;
}

export const userReference = (id: string): UserReference => ({ __typename: 'User', id });
export const orderReference = (id: string): OrderReference => ({ __typename: 'Order', id });
