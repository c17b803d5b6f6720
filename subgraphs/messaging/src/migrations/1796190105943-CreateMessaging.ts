import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMessaging1796190105943 implements MigrationInterface {
  name = 'CreateMessaging1796190105943';

  async up(q: QueryRunner) {
    // Users a room may hold: a read model of users' `users.user.upserted`.
    await q.query(`CREATE TABLE "known_user" (
      user_id text PRIMARY KEY,
      name text NOT NULL,
      roles text[] NOT NULL DEFAULT '{}'
    )`);
    // direct_key (the two ids, sorted) is unique: two racing createRoom calls make one DIRECT room.
    await q.query(`CREATE TABLE "room" (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      type text NOT NULL CHECK (type IN ('DIRECT', 'GROUP')),
      name text,
      direct_key text UNIQUE,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((type = 'DIRECT') = (direct_key IS NOT NULL))
    )`);
    await q.query(`CREATE TABLE "room_member" (
      room_id uuid NOT NULL REFERENCES room(id) ON DELETE CASCADE,
      user_id text NOT NULL,
      last_read_seq bigint NOT NULL DEFAULT 0,
      joined_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (room_id, user_id)
    )`);
    await q.query(`CREATE INDEX "room_member_by_user" ON "room_member" (user_id, room_id)`);
    // seq orders messages for good (cursors, read receipts, unread counts): a concurrent insert
    // never lands between two pages already served, as a timestamp could.
    await q.query(`CREATE TABLE "message" (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      room_id uuid NOT NULL REFERENCES room(id) ON DELETE CASCADE,
      sender_id text NOT NULL,
      content text NOT NULL,
      client_message_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      edited_at timestamptz
    )`);
    await q.query(`CREATE INDEX "message_by_room" ON "message" (room_id, seq DESC)`);
    // A retried send finds the first one: unique per sender, not checked-then-inserted.
    await q.query(`CREATE UNIQUE INDEX "message_client_id" ON "message" (sender_id, client_message_id) WHERE client_message_id IS NOT NULL`);
    await q.query(`CREATE TABLE "reaction" (
      message_id uuid NOT NULL REFERENCES message(id) ON DELETE CASCADE,
      user_id text NOT NULL,
      emoji text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (message_id, user_id, emoji)
    )`);
    // dedupe_key (topic, entity, fact) is unique: an event delivered twice makes one notification.
    await q.query(`CREATE TABLE "notification" (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      user_id text NOT NULL,
      kind text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      order_id uuid,
      dedupe_key text NOT NULL UNIQUE,
      read_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "notification_inbox" ON "notification" (user_id, seq DESC)`);
    await q.query(`CREATE INDEX "notification_unread" ON "notification" (user_id) WHERE read_at IS NULL`);
  }

  async down(q: QueryRunner) {
    await q.query(`DROP TABLE "notification", "reaction", "message", "room_member", "room", "known_user"`);
  }
}
