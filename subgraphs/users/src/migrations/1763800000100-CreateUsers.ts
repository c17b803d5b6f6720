import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsers1763800000100 implements MigrationInterface {
  name = 'CreateUsers1763800000100';

  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL UNIQUE,
      name text NOT NULL,
      password_hash text NOT NULL,
      roles text[] NOT NULL,
      failed_logins int NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE address (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      label text,
      line1 text NOT NULL,
      line2 text,
      city text NOT NULL,
      postal_code text NOT NULL,
      country char(2) NOT NULL,
      is_default boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query('CREATE INDEX address_user ON address (user_id)');
    await q.query(`CREATE TABLE refresh_token (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE,
      family_id uuid NOT NULL,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      spent_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query('CREATE INDEX refresh_token_family ON refresh_token (family_id)');
    await q.query('CREATE INDEX refresh_token_user ON refresh_token (user_id)');
    await q.query(`CREATE TABLE api_key (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      name text NOT NULL,
      role text NOT NULL,
      prefix text NOT NULL,
      secret_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`);
    await q.query('CREATE INDEX api_key_user ON api_key (user_id)');
  }

  async down(q: QueryRunner) {
    await q.query('DROP TABLE api_key');
    await q.query('DROP TABLE refresh_token');
    await q.query('DROP TABLE address');
    await q.query('DROP TABLE app_user');
  }
}
