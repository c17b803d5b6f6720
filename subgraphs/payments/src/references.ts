/** Entities of other subgraphs, as payments knows them: only their key. */
export interface OrderReference {
  __typename: 'Order';
  id: string;
}

export interface UserReference {
  __typename: 'User';
  id: string;
}

export const orderReference = (id: string): OrderReference => ({ __typename: 'Order', id });
