import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrders1763800000300 implements MigrationInterface {
  name = 'CreateOrders1763800000300';

  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE customer_order (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      customer_id uuid NOT NULL,
      idempotency_key text NOT NULL,
      status text NOT NULL,
      payment_method text NOT NULL,
      installments int,
      address_id uuid,
      currency char(3),
      subtotal int,
      tax int,
      shipping_cost int,
      total int,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (customer_id, idempotency_key)
    )`);
    await q.query('CREATE INDEX customer_order_by_customer ON customer_order (customer_id, created_at DESC, id DESC)');
    await q.query(`CREATE TABLE order_item (
      order_id uuid NOT NULL REFERENCES customer_order(id) ON DELETE CASCADE,
      product_id uuid NOT NULL,
      quantity int NOT NULL CHECK (quantity > 0),
      unit_price int,
      currency char(3),
      PRIMARY KEY (order_id, product_id)
    )`);
    await q.query(`CREATE TABLE order_status_change (
      seq bigserial PRIMARY KEY,
      order_id uuid NOT NULL REFERENCES customer_order(id) ON DELETE CASCADE,
      from_status text,
      to_status text NOT NULL,
      reason text,
      at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query('CREATE INDEX order_status_change_order ON order_status_change (order_id, seq)');
    await q.query(`CREATE TABLE cart_item (
      customer_id uuid NOT NULL,
      product_id uuid NOT NULL,
      quantity int NOT NULL CHECK (quantity > 0),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (customer_id, product_id)
    )`);
    await q.query(`CREATE TABLE catalog_product (
      product_id uuid PRIMARY KEY,
      name text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner) {
    await q.query('DROP TABLE catalog_product');
    await q.query('DROP TABLE cart_item');
    await q.query('DROP TABLE order_status_change');
    await q.query('DROP TABLE order_item');
    await q.query('DROP TABLE customer_order');
  }
}
