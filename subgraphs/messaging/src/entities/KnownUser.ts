import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user as users announced them: who may be put in a room, and who is an admin. */
@Entity({ name: 'known_user' })
export class KnownUser {
  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true })
  roles: string[];
}
