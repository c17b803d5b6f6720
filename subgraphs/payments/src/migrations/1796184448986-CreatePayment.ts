import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePayment1796184448986 implements MigrationInterface {
  name = 'CreatePayment1796184448986';

  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE "payment" (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    // `payments` lists the newest first.
    await q.query(`CREATE INDEX "payment_newest" ON "payment" (created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner) {
    await q.query(`DROP TABLE "payment"`);
  }
}
