import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCatalog1763800000200 implements MigrationInterface {
  name = 'CreateCatalog1763800000200';

  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE category (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      slug text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE product (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      description text NOT NULL,
      price_amount int NOT NULL CHECK (price_amount > 0),
      price_currency char(3) NOT NULL,
      category_id uuid NOT NULL REFERENCES category(id),
      stock int NOT NULL CHECK (stock >= 0),
      review_count int NOT NULL DEFAULT 0,
      rating_sum int NOT NULL DEFAULT 0,
      rating_avg double precision,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query('CREATE INDEX product_category ON product (category_id)');
    await q.query('CREATE INDEX product_price ON product (price_amount, id)');
    await q.query('CREATE INDEX product_name ON product (name, id)');
    await q.query('CREATE INDEX product_rating ON product ((coalesce(rating_avg, 0)), id)');
    await q.query('CREATE INDEX product_created ON product (created_at, id)');
    await q.query(`CREATE TABLE review (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      product_id uuid NOT NULL REFERENCES product(id),
      author_id uuid NOT NULL,
      rating int NOT NULL CHECK (rating BETWEEN 1 AND 5),
      comment text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (product_id, author_id)
    )`);
    await q.query('CREATE INDEX review_product_created ON review (product_id, created_at, id)');
    await q.query(`CREATE TABLE wishlist_item (
      user_id uuid NOT NULL,
      product_id uuid NOT NULL REFERENCES product(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, product_id)
    )`);
    await q.query(`CREATE TABLE stock_reservation (
      order_id uuid NOT NULL,
      product_id uuid NOT NULL REFERENCES product(id),
      quantity int NOT NULL CHECK (quantity > 0),
      unit_price_amount int NOT NULL,
      unit_price_currency char(3) NOT NULL,
      status text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (order_id, product_id)
    )`);
  }

  async down(q: QueryRunner) {
    await q.query('DROP TABLE stock_reservation');
    await q.query('DROP TABLE wishlist_item');
    await q.query('DROP TABLE review');
    await q.query('DROP TABLE product');
    await q.query('DROP TABLE category');
  }
}
