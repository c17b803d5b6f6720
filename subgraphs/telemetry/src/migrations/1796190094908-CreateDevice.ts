import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDevice1796190094908 implements MigrationInterface {
  name = 'CreateDevice1796190094908';

  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE "device" (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    // `devices` lists the newest first.
    await q.query(`CREATE INDEX "device_newest" ON "device" (created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner) {
    await q.query(`DROP TABLE "device"`);
  }
}
