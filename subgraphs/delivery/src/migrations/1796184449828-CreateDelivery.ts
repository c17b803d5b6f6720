import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDelivery1796184449828 implements MigrationInterface {
  name = 'CreateDelivery1796184449828';

  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE courier (
      user_id text PRIMARY KEY,
      name text NOT NULL,
      active boolean NOT NULL,
      capacity int NOT NULL DEFAULT 3 CHECK (capacity >= 0),
      open_deliveries int NOT NULL DEFAULT 0 CHECK (open_deliveries >= 0),
      last_assigned_at timestamptz,
      -- The last word on capacity, should an assignment ever bypass the locks (services/moves.ts):
      -- the transaction fails and its event is retried, rather than a courier being overloaded.
      CHECK (open_deliveries <= capacity)
    )`);
    await q.query(`CREATE TABLE address (
      id uuid PRIMARY KEY,
      user_id text NOT NULL,
      line1 text NOT NULL,
      city text NOT NULL,
      postal_code text NOT NULL,
      country text NOT NULL
    )`);
    await q.query(`CREATE TABLE shipping_quote (
      order_id uuid PRIMARY KEY,
      customer_id text NOT NULL,
      address_id uuid NOT NULL,
      line1 text NOT NULL,
      city text NOT NULL,
      postal_code text NOT NULL,
      country text NOT NULL,
      weight_grams int NOT NULL,
      zone text,
      cost_amount int,
      currency char(3),
      dest_lat double precision,
      dest_lng double precision,
      rejected_reason text,
      cancelled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE delivery (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      order_id uuid NOT NULL UNIQUE,
      customer_id text NOT NULL,
      courier_id text REFERENCES courier(user_id),
      status text NOT NULL,
      dest_lat double precision NOT NULL,
      dest_lng double precision NOT NULL,
      eta timestamptz,
      delivered_at timestamptz,
      proof_of_delivery text,
      failure_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    // The sweep takes waiting deliveries oldest first; couriers list their own.
    await q.query(`CREATE INDEX delivery_waiting ON delivery (created_at, id) WHERE status = 'PENDING'`);
    await q.query('CREATE INDEX delivery_by_courier ON delivery (courier_id, created_at DESC)');
    await q.query(`CREATE TABLE tracking_point (
      seq bigserial PRIMARY KEY,
      delivery_id uuid NOT NULL REFERENCES delivery(id) ON DELETE CASCADE,
      lat double precision NOT NULL,
      lng double precision NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query('CREATE INDEX tracking_point_by_delivery ON tracking_point (delivery_id, seq)');
    await q.query(`CREATE TABLE delivery_status_change (
      seq bigserial PRIMARY KEY,
      delivery_id uuid NOT NULL REFERENCES delivery(id) ON DELETE CASCADE,
      from_status text,
      to_status text NOT NULL,
      by_user text,
      reason text,
      at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query('CREATE INDEX delivery_status_change_by_delivery ON delivery_status_change (delivery_id, seq)');
  }

  async down(q: QueryRunner) {
    await q.query('DROP TABLE delivery_status_change');
    await q.query('DROP TABLE tracking_point');
    await q.query('DROP TABLE delivery');
    await q.query('DROP TABLE shipping_quote');
    await q.query('DROP TABLE address');
    await q.query('DROP TABLE courier');
  }
}
