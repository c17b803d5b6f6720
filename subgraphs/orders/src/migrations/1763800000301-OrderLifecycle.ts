import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An order's whole life (a new step: embedded data folders have run CreateOrders already):
 * - read models of customers' addresses and credit lines, and the catalogue's prices and weights;
 * - the address snapshot, the weight and both answers (stock and shipping quote) on the order;
 * - a payment choice is optional now (none: the order waits CONFIRMED), and a card token is kept
 *   only while the order is PENDING.
 */
export class OrderLifecycle1763800000301 implements MigrationInterface {
  name = 'OrderLifecycle1763800000301';

  async up(q: QueryRunner) {
    await q.query(`ALTER TABLE customer_order
      ALTER COLUMN payment_method DROP NOT NULL,
      ADD COLUMN card_token text,
      ADD COLUMN ship_line1 text,
      ADD COLUMN ship_city text,
      ADD COLUMN ship_postal_code text,
      ADD COLUMN ship_country char(2),
      ADD COLUMN weight_grams int,
      ADD COLUMN stock_reserved boolean NOT NULL DEFAULT false,
      ADD COLUMN shipping_zone text,
      ADD COLUMN quoted_shipping int,
      ADD COLUMN quoted_currency char(3)`);
    // Orders confirmed before this step had both answers in every sense that matters now.
    await q.query(`UPDATE customer_order SET stock_reserved = true WHERE subtotal IS NOT NULL`);
    await q.query(`ALTER TABLE catalog_product
      ADD COLUMN price_amount int,
      ADD COLUMN price_currency char(3),
      ADD COLUMN weight_grams int NOT NULL DEFAULT 500`);
    await q.query(`CREATE TABLE customer_address (
      address_id uuid PRIMARY KEY,
      user_id uuid NOT NULL,
      line1 text NOT NULL,
      city text NOT NULL,
      postal_code text NOT NULL,
      country char(2) NOT NULL,
      is_default boolean NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query('CREATE INDEX customer_address_user ON customer_address (user_id, created_at)');
    await q.query(`CREATE TABLE credit_line_view (
      customer_id uuid PRIMARY KEY,
      credit_line_id uuid NOT NULL,
      status text NOT NULL,
      available int NOT NULL,
      currency char(3) NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner) {
    await q.query('DROP TABLE credit_line_view');
    await q.query('DROP TABLE customer_address');
    await q.query('ALTER TABLE catalog_product DROP COLUMN price_amount, DROP COLUMN price_currency, DROP COLUMN weight_grams');
    await q.query(`ALTER TABLE customer_order DROP COLUMN card_token, DROP COLUMN ship_line1, DROP COLUMN ship_city, DROP COLUMN ship_postal_code,
      DROP COLUMN ship_country, DROP COLUMN weight_grams, DROP COLUMN stock_reserved, DROP COLUMN shipping_zone, DROP COLUMN quoted_shipping, DROP COLUMN quoted_currency`);
  }
}
