import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTelemetry1796190094908 implements MigrationInterface {
  name = 'CreateTelemetry1796190094908';

  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE "device" (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id uuid NOT NULL,
      name text NOT NULL,
      kind text NOT NULL,
      key_prefix text,
      key_hash text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    // `devices` and `User.devices` list an owner's devices, newest first.
    await q.query(`CREATE INDEX "device_owner_newest" ON "device" (owner_id, created_at DESC, id DESC)`);

    // No foreign key to device: ingest checks devices first, and a key per row would cost every insert.
    // The primary key is the history index: one device's metric over a time range is one range scan,
    // and with `value` in the index an index-only one (a device's rows lie scattered among every other
    // device's in the heap: reading them there costs ~9 times the pages).
    await q.query(`CREATE TABLE "reading" (
      device_id uuid NOT NULL,
      metric text NOT NULL,
      at timestamptz NOT NULL,
      value double precision NOT NULL,
      PRIMARY KEY (device_id, metric, at) INCLUDE (value)
    )`);
    // Retention deletes by age: rows arrive roughly in time order, so a BRIN index finds old ones for next to nothing.
    await q.query(`CREATE INDEX "reading_at_brin" ON "reading" USING brin (at)`);

    // The newest reading per device and metric, upserted at ingest: `Device.latest` reads one row.
    await q.query(`CREATE TABLE "reading_latest" (
      device_id uuid NOT NULL,
      metric text NOT NULL,
      at timestamptz NOT NULL,
      value double precision NOT NULL,
      PRIMARY KEY (device_id, metric)
    )`);
  }

  async down(q: QueryRunner) {
    await q.query(`DROP TABLE "reading_latest"`);
    await q.query(`DROP TABLE "reading"`);
    await q.query(`DROP TABLE "device"`);
  }
}
