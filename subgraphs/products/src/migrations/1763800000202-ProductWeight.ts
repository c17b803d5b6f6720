import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every product gets a shipping weight (delivery prices an order by its total weight). Products
 * that exist already, in embedded data folders, get 500 g until an admin says otherwise.
 */
export class ProductWeight1763800000202 implements MigrationInterface {
  name = 'ProductWeight1763800000202';

  async up(q: QueryRunner) {
    await q.query('ALTER TABLE product ADD COLUMN weight_grams int NOT NULL DEFAULT 500 CHECK (weight_grams > 0 AND weight_grams <= 30000)');
  }

  async down(q: QueryRunner) {
    await q.query('ALTER TABLE product DROP COLUMN weight_grams');
  }
}
