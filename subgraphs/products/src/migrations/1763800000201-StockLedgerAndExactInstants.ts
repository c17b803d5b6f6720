import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second step rather than an edit of CreateCatalog, which embedded data folders have already run.
 *
 * - Instants keep milliseconds only: a cursor carries a JavaScript date, so the column must hold
 *   exactly what the cursor can say, and keyset comparisons can use the plain column and its index.
 * - `stock_adjustment` records every admin change of stock with its reason and author.
 * - Reservations get a closed set of statuses and the time they were released.
 */
export class StockLedgerAndExactInstants1763800000201 implements MigrationInterface {
  name = 'StockLedgerAndExactInstants1763800000201';

  async up(q: QueryRunner) {
    await q.query('ALTER TABLE product ALTER COLUMN created_at TYPE timestamptz(3), ALTER COLUMN updated_at TYPE timestamptz(3)');
    await q.query('ALTER TABLE review ALTER COLUMN created_at TYPE timestamptz(3)');
    // A category's page is a range of this index (category, then the default sort).
    await q.query('CREATE INDEX product_category_created ON product (category_id, created_at, id)');
    await q.query('DROP INDEX product_category');
    await q.query('CREATE INDEX product_in_stock_created ON product (created_at, id) WHERE stock > 0');
    await q.query(`CREATE TABLE stock_adjustment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      product_id uuid NOT NULL REFERENCES product(id),
      delta int NOT NULL CHECK (delta <> 0),
      stock_after int NOT NULL CHECK (stock_after >= 0),
      reason text,
      actor_id uuid NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now()
    )`);
    await q.query('CREATE INDEX stock_adjustment_product ON stock_adjustment (product_id, created_at)');
    await q.query(`ALTER TABLE stock_reservation
      ADD CONSTRAINT stock_reservation_status CHECK (status IN ('RESERVED', 'RELEASED')),
      ADD COLUMN released_at timestamptz(3)`);
  }

  async down(q: QueryRunner) {
    await q.query('ALTER TABLE stock_reservation DROP COLUMN released_at, DROP CONSTRAINT stock_reservation_status');
    await q.query('DROP TABLE stock_adjustment');
    await q.query('DROP INDEX product_in_stock_created');
    await q.query('CREATE INDEX product_category ON product (category_id)');
    await q.query('DROP INDEX product_category_created');
    await q.query('ALTER TABLE review ALTER COLUMN created_at TYPE timestamptz');
    await q.query('ALTER TABLE product ALTER COLUMN created_at TYPE timestamptz, ALTER COLUMN updated_at TYPE timestamptz');
  }
}
