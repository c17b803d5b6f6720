import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A participant of a room, with how far they have read (a message's `seq`). */
@Entity({ name: 'room_member' })
export class RoomMember {
  @PrimaryColumn({ name: 'room_id', type: 'uuid' })
  roomId: string;

  @PrimaryColumn({ name: 'user_id', type: 'text' })
  userId: string;

  /** bigint comes back as a string from pg; seqs stay far below 2^53, so numbers are safe. */
  @Column({ name: 'last_read_seq', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  lastReadSeq: number;

  @Column({ name: 'joined_at', type: 'timestamptz', default: () => 'now()' })
  joinedAt: Date;
}
