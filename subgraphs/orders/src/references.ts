/**
 * Entities of other subgraphs, as orders knows them: only their key. The router asks the owning
 * subgraph (users, products) for every other field.
 */
export interface UserReference {
  __typename: 'User';
  id: string;
}

export interface ProductReference {
  __typename: 'Product';
  id: string;
}

export const userReference = (id: string): UserReference => ({ __typename: 'User', id });
export const productReference = (id: string): ProductReference => ({ __typename: 'Product', id });
