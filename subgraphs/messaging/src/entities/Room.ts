import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RoomType = 'DIRECT' | 'GROUP';

@Entity({ name: 'room' })
export class Room {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  type: RoomType;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  /** The two participants' ids, sorted and joined: unique, so a pair has one DIRECT room. */
  @Column({ name: 'direct_key', type: 'text', nullable: true })
  directKey: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
