/** A user, as telemetry knows them: only their key (users resolves the rest). */
export interface UserReference {
  __typename?: 'User';
  id: string;
}

export const userReference = (id: string): UserReference => ({ __typename: 'User', id });
