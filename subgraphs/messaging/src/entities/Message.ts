import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'message' })
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Its place in the room for good (identity column): cursors and read receipts use it. */
  @Column({ type: 'bigint', insert: false, update: false, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seq: number;

  @Column({ name: 'room_id', type: 'uuid' })
  roomId: string;

  @Column({ name: 'sender_id', type: 'text' })
  senderId: string;

  /** Plain text as sent; never markup. */
  @Column({ type: 'text' })
  content: string;

  @Column({ name: 'client_message_id', type: 'text', nullable: true })
  clientMessageId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;
}
