/** A user, as backups knows them: the key, to which backups adds `User.backupAgents`. */
export interface UserReference {
  __typename?: 'User';
  id: string;
}

export const userReference = (id: string): UserReference => ({ __typename: 'User', id });
