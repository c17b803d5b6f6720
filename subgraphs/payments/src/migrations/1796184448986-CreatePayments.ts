import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePayments1796184448986 implements MigrationInterface {
  name = 'CreatePayments1796184448986';

  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE "payment" (
      id uuid PRIMARY KEY,
      order_id uuid NOT NULL UNIQUE,
      customer_id text NOT NULL,
      amount integer NOT NULL CHECK (amount >= 0),
      currency text NOT NULL,
      method text NOT NULL CHECK (method IN ('CARD', 'CREDIT_LINE')),
      status text NOT NULL,
      provider text NOT NULL,
      provider_ref text,
      card_token text,
      installments integer,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      failure_reason text,
      refunded integer NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= amount),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    // The worker's queue: due PENDING payments, oldest due first.
    await q.query(`CREATE INDEX "payment_due" ON "payment" (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX "payment_customer" ON "payment" (customer_id)`);
    await q.query(`CREATE TABLE "refund" (
      id uuid PRIMARY KEY,
      payment_id uuid NOT NULL REFERENCES "payment"(id),
      amount integer NOT NULL CHECK (amount > 0),
      currency text NOT NULL,
      reason text,
      -- PENDING while the provider has not confirmed it (the amount is already reserved on the payment).
      status text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED')),
      provider_ref text,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "refund_payment" ON "refund" (payment_id, created_at)`);
    await q.query(`CREATE INDEX "refund_due" ON "refund" (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE TABLE "credit_line" (
      id uuid PRIMARY KEY,
      customer_id text NOT NULL UNIQUE,
      status text NOT NULL CHECK (status IN ('APPROVED', 'DECLINED', 'SUSPENDED')),
      limit_amount integer NOT NULL CHECK (limit_amount >= 0),
      available integer NOT NULL CHECK (available >= 0 AND available <= limit_amount),
      currency text NOT NULL,
      monthly_income integer NOT NULL,
      score integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    // Every change of a line, for support and audits: applied, drawn, repaid, refunded, overdue.
    await q.query(`CREATE TABLE "credit_history" (
      id bigserial PRIMARY KEY,
      credit_line_id uuid NOT NULL REFERENCES "credit_line"(id),
      kind text NOT NULL,
      amount integer NOT NULL DEFAULT 0,
      available_after integer NOT NULL,
      payment_id uuid,
      installment_id uuid,
      at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "credit_history_line" ON "credit_history" (credit_line_id, at)`);
    await q.query(`CREATE TABLE "installment_plan" (
      id uuid PRIMARY KEY,
      credit_line_id uuid NOT NULL REFERENCES "credit_line"(id),
      payment_id uuid NOT NULL UNIQUE REFERENCES "payment"(id),
      order_id uuid NOT NULL,
      count integer NOT NULL,
      monthly_rate_bp integer NOT NULL,
      principal integer NOT NULL,
      total_amount integer NOT NULL,
      currency text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "installment_plan_line" ON "installment_plan" (credit_line_id, created_at)`);
    await q.query(`CREATE TABLE "installment" (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES "installment_plan"(id),
      number integer NOT NULL,
      due_date date NOT NULL,
      amount integer NOT NULL,
      principal integer NOT NULL,
      interest integer NOT NULL,
      currency text NOT NULL,
      status text NOT NULL CHECK (status IN ('PENDING', 'PAID', 'OVERDUE')),
      paid_at timestamptz,
      UNIQUE (plan_id, number)
    )`);
    // The overdue job's scan.
    await q.query(`CREATE INDEX "installment_unpaid_due" ON "installment" (due_date) WHERE status = 'PENDING'`);
    // Provider webhooks already handled (they are delivered at least once).
    await q.query(`CREATE TABLE "webhook_event" (
      id text PRIMARY KEY,
      type text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    )`);
    // The simulated provider's own books. It stands in for an external system, so it is written
    // outside the payment's transactions and survives a crash of payments.
    await q.query(`CREATE TABLE "simulated_charge" (
      idempotency_key text PRIMARY KEY,
      charge_ref text NOT NULL UNIQUE,
      amount integer NOT NULL,
      currency text NOT NULL,
      status text NOT NULL,
      reason text,
      refunded integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE "simulated_attempt" (idempotency_key text PRIMARY KEY, attempts integer NOT NULL)`);
    await q.query(`CREATE TABLE "simulated_refund" (
      idempotency_key text PRIMARY KEY,
      refund_ref text NOT NULL UNIQUE,
      charge_ref text NOT NULL,
      amount integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner) {
    for (const table of ['simulated_refund', 'simulated_attempt', 'simulated_charge', 'webhook_event', 'installment', 'installment_plan', 'credit_history', 'credit_line', 'refund', 'payment']) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
