import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateBackups1796190100934 implements MigrationInterface {
  name = 'CreateBackups1796190100934';

  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE "backup_policy" (
      id uuid PRIMARY KEY,
      owner_id uuid NOT NULL,
      name text NOT NULL,
      expected_interval_minutes integer NOT NULL CHECK (expected_interval_minutes > 0),
      retention_days integer NOT NULL CHECK (retention_days > 0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "backup_policy_owner" ON "backup_policy" (owner_id, created_at)`);
    await q.query(`CREATE TABLE "backup_agent" (
      id uuid PRIMARY KEY,
      owner_id uuid NOT NULL,
      policy_id uuid NOT NULL REFERENCES "backup_policy"(id),
      hostname text NOT NULL,
      os text NOT NULL,
      -- Only the sha256 of the key and its first characters (to tell keys apart); never the key.
      key_hash text NOT NULL,
      key_prefix text NOT NULL,
      key_revoked_at timestamptz,
      health text NOT NULL DEFAULT 'HEALTHY' CHECK (health IN ('HEALTHY', 'WARNING', 'CRITICAL')),
      last_seen_at timestamptz,
      last_success_at timestamptz,
      -- The agent's next deadline (domain/health.ts); null once CRITICAL.
      next_check_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    // The checker's queue: agents whose next deadline has passed, without reading the others.
    await q.query(`CREATE INDEX "backup_agent_due" ON "backup_agent" (next_check_at) WHERE next_check_at IS NOT NULL`);
    // backupAgents pages by (created_at, id), for an owner or for everyone.
    await q.query(`CREATE INDEX "backup_agent_owner" ON "backup_agent" (owner_id, created_at, id)`);
    await q.query(`CREATE INDEX "backup_agent_newest" ON "backup_agent" (created_at, id)`);
    await q.query(`CREATE TABLE "backup_job" (
      id uuid PRIMARY KEY,
      agent_id uuid NOT NULL REFERENCES "backup_agent"(id),
      status text NOT NULL CHECK (status IN ('STARTED', 'SUCCEEDED', 'FAILED')),
      started_at timestamptz NOT NULL,
      finished_at timestamptz CHECK (finished_at >= started_at),
      -- bigint: a backup may well exceed 2^31 bytes.
      size_bytes bigint CHECK (size_bytes >= 0),
      file_count integer CHECK (file_count >= 0),
      error text,
      reported_at timestamptz NOT NULL DEFAULT now(),
      -- A job is its agent's run that started then: a repeated report finds it again.
      UNIQUE (agent_id, started_at)
    )`);
    await q.query(`CREATE INDEX "backup_job_started" ON "backup_job" (started_at)`);
    await q.query(`CREATE TABLE "backup_alert" (
      id uuid PRIMARY KEY,
      agent_id uuid NOT NULL REFERENCES "backup_agent"(id),
      owner_id uuid NOT NULL,
      hostname text NOT NULL,
      cause text NOT NULL CHECK (cause IN ('MISSED_BACKUP', 'FAILED_BACKUP')),
      severity text NOT NULL CHECK (severity IN ('WARNING', 'CRITICAL')),
      status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
      raised_at timestamptz NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by uuid,
      resolved_at timestamptz
    )`);
    // One unresolved alert per agent and cause, whoever (which checker instance) raises it.
    await q.query(`CREATE UNIQUE INDEX "backup_alert_one_open" ON "backup_alert" (agent_id, cause) WHERE status <> 'RESOLVED'`);
    await q.query(`CREATE INDEX "backup_alert_owner" ON "backup_alert" (owner_id, raised_at, id)`);
    await q.query(`CREATE INDEX "backup_alert_newest" ON "backup_alert" (raised_at, id)`);
  }

  async down(q: QueryRunner) {
    await q.query(`DROP TABLE "backup_alert"`);
    await q.query(`DROP TABLE "backup_job"`);
    await q.query(`DROP TABLE "backup_agent"`);
    await q.query(`DROP TABLE "backup_policy"`);
  }
}
