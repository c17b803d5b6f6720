import { createHash } from 'node:crypto';
import { inTransaction, isUuid, queryRows, type SubgraphRuntime } from '@supergraph/service-kit';
import { Counter } from 'prom-client';
import type { EntityManager } from 'typeorm';
import { ChargeRunner, type ChargeOutcome } from '../domain/charging';
import type { PaymentProvider, WebhookEvent } from '../domain/provider';
import { createPaymentProvider } from '../domain/providers';
import { planRefund } from '../domain/refunds';
import { Payment } from '../entities/Payment';
import { Refund } from '../entities/Refund';
import type { PaymentsSettings } from '../settings';
import { drawOnCreditLine, refundCreditPurchase } from './credit';
import { DatabaseLedger } from './ledger';
import { emitCaptured, emitFailed, money } from './events';

/** Worker rounds that may end in "every attempt failed transiently" before the payment fails for good. */
const MAX_TRANSIENT_ROUNDS = 5;

/**
 * How long a claimed payment or refund is left alone by other workers while its provider call
 * runs: longer than the ChargeRunner's worst case (4 attempts × the call timeout + backoff).
 */
const leaseMs = (settings: PaymentsSettings) => 4 * settings.chargeTimeoutMs + 10_000;

/** Backoff between worker rounds of one payment: 30 s, 1 min, 2 min, ... at most 10 min. */
const roundBackoffMs = (round: number) => Math.min(30_000 * 2 ** Math.max(round - 1, 0), 600_000);

/** A deterministic UUID from a name, for ids that must be the same when a consumer runs again. */
export function nameUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

class WorkerDied extends Error {}

/** A worker round's outcome: the runner's, or `error` when the call failed in a way that is no answer. */
type RoundOutcome = ChargeOutcome | { outcome: 'error'; retryAfterMs: number };

/**
 * The money-moving side of payments, one per running subgraph: the provider and its ChargeRunner
 * (one breaker shared by every payment), the worker that charges due payments and executes
 * refunds, the webhook handler and the overdue-installment job.
 *
 * No transaction is ever held open across a provider call (the embedded PGlite has a single
 * connection, and a slow provider must not pin database connections): a payment is claimed in
 * one short transaction (FOR UPDATE SKIP LOCKED, then a lease in `next_attempt_at`), charged,
 * and settled in another that re-reads it under a row lock. Two workers never charge one payment
 * at the same time, and if a lease ever expires mid-call, the idempotency key (the payment id)
 * keeps the provider from charging twice.
 */
export class PaymentsEngine {
  readonly provider: PaymentProvider;
  readonly runner: ChargeRunner;
  private readonly deferred: Counter<'reason'>;
  private timers: NodeJS.Timeout[] = [];
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  private stopped = false;
  private dead = false;

  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly settings: PaymentsSettings,
  ) {
    this.provider =
      settings.provider === 'stripe'
        ? createPaymentProvider({ provider: 'stripe', ...settings.stripe })
        : createPaymentProvider({ provider: 'simulated', webhookSecret: settings.simulatedWebhookSecret, ledger: new DatabaseLedger(runtime.dataSource) });
    this.runner = new ChargeRunner(this.provider, { attemptTimeoutMs: settings.chargeTimeoutMs });
    const existing = runtime.metrics.getSingleMetric('payments_charge_deferred_total') as Counter<'reason'> | undefined;
    this.deferred =
      existing ??
      new Counter({
        name: 'payments_charge_deferred_total',
        help: 'Charges left PENDING for a later attempt, by reason (breaker-open, unresolved, transient, error)',
        labelNames: ['reason'] as const,
        registers: [runtime.metrics],
      });
  }

  private get dataSource() {
    return this.runtime.dataSource;
  }

  /** Starts the periodic worker and overdue job (called once the service listens). */
  start() {
    if (this.settings.workerIntervalMs > 0) {
      this.timers.push(setInterval(() => this.nudge(), this.settings.workerIntervalMs));
      this.nudge();
    }
    this.timers.push(
      setInterval(() => {
        this.markOverdue().catch((error) => this.runtime.logger.error('overdue job failed', { error: String(error) }));
      }, this.settings.overdueIntervalMs),
    );
  }

  async stop() {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await this.draining;
  }

  /** Events were committed outside the worker: relay them now. */
  committed() {
    this.runtime.eventsCommitted();
  }

  /** Looks for due work now (after a consumer committed a new payment or refund), at most one drain at a time. */
  nudge() {
    if (this.stopped || this.dead || this.settings.workerIntervalMs === 0) return;
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = this.drain()
      .catch((error) => {
        if (!(error instanceof WorkerDied)) this.runtime.logger.error('payments worker failed', { error: String(error) });
      })
      .finally(() => {
        this.draining = null;
        if (this.drainAgain) {
          this.drainAgain = false;
          this.nudge();
        }
      });
  }

  private async drain() {
    while (!this.stopped && (await this.chargeNext()));
    while (!this.stopped && (await this.refundNext()));
  }

  // -------------------------------------------------------------------------------------------
  // Charging

  /** Claims, charges and settles one due payment; false when none is due. */
  async chargeNext(): Promise<boolean> {
    let dueId: string | null = null;
    const claimed = await inTransaction(this.dataSource, async (manager) => {
      const [due] = await manager.query<{ id: string }[]>(`SELECT id FROM payment WHERE status = 'PENDING' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED`);
      if (!due) return null;
      dueId = due.id;
      const payment = await manager.findOneByOrFail(Payment, { id: due.id });
      payment.attempts += 1;
      if (payment.method === 'CREDIT_LINE') {
        // No provider: the whole charge is one transaction, under the credit line's row lock.
        await drawOnCreditLine(this.runtime, manager, payment);
        return { payment, settled: true };
      }
      payment.nextAttemptAt = new Date(Date.now() + leaseMs(this.settings));
      await manager.save(payment);
      return { payment, settled: false };
    }).catch(async (error) => {
      if (!dueId) throw error;
      // This payment's transaction failed (a bug, bad data): set it aside for a while so that it
      // does not stay first in the queue and hold up every payment behind it.
      this.runtime.logger.error('payment could not be processed; retried later', { paymentId: dueId, error: String(error) });
      this.deferred.inc({ reason: 'error' });
      await this.dataSource.query('UPDATE payment SET attempts = attempts + 1, next_attempt_at = $2 WHERE id = $1', [dueId, new Date(Date.now() + 60_000)]);
      return { payment: null, settled: true };
    });
    if (!claimed) return false;
    if (claimed.settled) {
      this.runtime.eventsCommitted();
      return true;
    }
    if (!claimed.payment) return true;
    const outcome = await this.chargeCard(claimed.payment);
    if (this.settings.testFault === 'kill-after-charge') process.kill(process.pid, 'SIGKILL');
    if (this.settings.testFault === 'crash-after-charge') {
      // Test hook (refused in production): the process "dies" here, after the provider answered
      // and before the payment's transaction; nothing more runs in this worker.
      this.dead = true;
      throw new WorkerDied('PAYMENTS_TEST_FAULT=crash-after-charge: the worker died after the provider call');
    }
    await this.settleCard(claimed.payment.id, outcome);
    return true;
  }

  private async chargeCard(payment: Payment): Promise<RoundOutcome> {
    const request = { amount: payment.amount, currency: payment.currency.toLowerCase(), token: payment.cardToken ?? '', idempotencyKey: payment.id };
    try {
      // An earlier round reached the provider (then timed out, or this process died before it
      // committed): ask first. Charging again with the same key would be safe, but asking is cheaper.
      if (payment.attempts > 1) {
        const found = await this.provider.findCharge(payment.id);
        if (found?.status === 'captured') return { outcome: 'captured', chargeRef: found.chargeRef, amount: found.amount, attempts: 0 };
        if (found?.status === 'declined') return { outcome: 'declined', reason: found.reason, attempts: 0 };
        if (found?.status === 'processing') return { outcome: 'unresolved', attempts: 0 };
      }
      return await this.runner.charge(request);
    } catch (error) {
      // Not a charge outcome (configuration, a bug, a CONFLICT): keep the payment and try later.
      this.runtime.logger.error('charge failed unexpectedly; the payment stays PENDING', { paymentId: payment.id, error: String(error) });
      return { outcome: 'error', retryAfterMs: roundBackoffMs(payment.attempts) };
    }
  }

  /** Writes the charge's outcome and its event in one transaction, unless a webhook settled it first. */
  private async settleCard(paymentId: string, outcome: RoundOutcome) {
    await inTransaction(this.dataSource, async (manager) => {
      const payment = await lockPayment(manager, { id: paymentId });
      if (!payment || payment.status !== 'PENDING') return;
      const later = (reason: string, delayMs: number) => {
        payment.nextAttemptAt = new Date(Date.now() + delayMs);
        this.deferred.inc({ reason });
        this.runtime.logger.warn('charge deferred; the payment stays PENDING', { paymentId, reason, nextAttemptAt: payment.nextAttemptAt.toISOString() });
      };
      switch (outcome.outcome) {
        case 'captured':
          markCaptured(payment, outcome.chargeRef);
          await emitCaptured(this.runtime, manager, payment);
          break;
        case 'declined':
          markFailed(payment, outcome.reason);
          await emitFailed(this.runtime, manager, payment, outcome.reason);
          break;
        case 'failed':
          if (payment.attempts >= MAX_TRANSIENT_ROUNDS) {
            markFailed(payment, `provider unavailable: ${outcome.reason}`);
            await emitFailed(this.runtime, manager, payment, payment.failureReason!);
          } else {
            later('transient', roundBackoffMs(payment.attempts));
          }
          break;
        case 'unresolved':
          later('unresolved', roundBackoffMs(payment.attempts));
          break;
        case 'retry-later':
          later('breaker-open', Math.max(outcome.retryAfterMs, 1_000));
          break;
        case 'error':
          later('error', outcome.retryAfterMs);
          break;
      }
      await manager.save(payment);
    });
    this.runtime.eventsCommitted();
  }

  // -------------------------------------------------------------------------------------------
  // Refunds

  /**
   * Reserves a refund on a payment read under its row lock (so two refunds at once never exceed
   * what was captured), in the caller's transaction. A credit-line refund completes at once; a
   * card refund is PENDING until `refundNext` has the provider execute it.
   */
  async reserveRefund(manager: EntityManager, payment: Payment, amount: number | null, reason: string | null, id: string): Promise<Refund> {
    const plan = planRefund({ status: payment.status, captured: payment.amount, refunded: payment.refunded }, amount);
    if (payment.method === 'CREDIT_LINE') await refundCreditPurchase(this.runtime, manager, payment, plan.amount);
    const refund = manager.create(Refund, {
      id,
      paymentId: payment.id,
      amount: plan.amount,
      currency: payment.currency,
      reason,
      status: payment.method === 'CARD' ? 'PENDING' : 'SUCCEEDED',
      nextAttemptAt: new Date(),
      providerRef: null,
    });
    await manager.insert(Refund, refund);
    payment.refunded = plan.refundedAfter;
    payment.status = plan.statusAfter;
    await manager.save(payment);
    // A credit-line refund has no provider to wait for: it is done.
    if (payment.method === 'CREDIT_LINE') await this.emitRefunded(manager, payment, refund);
    return refund;
  }

  /** Has the provider execute one due card refund (idempotency key = the refund id); false when none is due. */
  async refundNext(): Promise<boolean> {
    const claimed = await inTransaction(this.dataSource, async (manager) => {
      const [due] = await manager.query<{ id: string }[]>(`SELECT id FROM refund WHERE status = 'PENDING' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED`);
      if (!due) return null;
      await manager.query('UPDATE refund SET next_attempt_at = $2 WHERE id = $1', [due.id, new Date(Date.now() + leaseMs(this.settings))]);
      const refund = await manager.findOneByOrFail(Refund, { id: due.id });
      const payment = await manager.findOneByOrFail(Payment, { id: refund.paymentId });
      return { refund, payment };
    });
    if (!claimed) return false;
    await this.executeRefund(claimed.refund, claimed.payment);
    return true;
  }

  /** Runs a reserved card refund now (the admin mutation answers after it); a failure is retried by the worker. */
  async executeRefund(refund: Refund, payment: Payment) {
    let refundRef: string;
    try {
      ({ refundRef } = await this.provider.refund({ chargeRef: payment.providerRef!, amount: refund.amount, idempotencyKey: refund.id }));
    } catch (error) {
      this.runtime.logger.error('refund failed at the provider; it will be retried', { refundId: refund.id, error: String(error) });
      await this.dataSource.query('UPDATE refund SET next_attempt_at = $2 WHERE id = $1', [refund.id, new Date(Date.now() + 30_000)]);
      return;
    }
    await inTransaction(this.dataSource, async (manager) => {
      const locked = await lockPayment(manager, { id: payment.id });
      const [done] = await queryRows(manager, `UPDATE refund SET status = 'SUCCEEDED', provider_ref = $2 WHERE id = $1 AND status = 'PENDING' RETURNING id`, [refund.id, refundRef]);
      if (!done || !locked) return; // another worker finished it first
      await this.emitRefunded(manager, locked, refund);
    });
    this.runtime.eventsCommitted();
  }

  /** `payments.payment.refunded`, with the total the provider has confirmed so far. */
  private async emitRefunded(manager: EntityManager, payment: Payment, refund: Refund) {
    const [{ total }] = await manager.query<{ total: number }[]>(`SELECT coalesce(sum(amount), 0)::int AS total FROM refund WHERE payment_id = $1 AND status = 'SUCCEEDED'`, [payment.id]);
    await this.runtime.emit(manager, 'payments.payment.refunded', {
      paymentId: payment.id,
      refundId: refund.id,
      orderId: payment.orderId,
      customerId: payment.customerId,
      amount: money(refund.amount, payment.currency),
      refundedTotal: money(total, payment.currency),
      fully: total === payment.amount,
    });
  }

  /**
   * `orders.order.cancelled` (in the consumer's transaction): a captured payment is refunded in
   * full, once (the refund's id is derived from the payment's); a payment not charged yet is
   * dropped; an order without a payment needs nothing.
   */
  async orderCancelled(manager: EntityManager, orderId: string) {
    const payment = await lockPayment(manager, { orderId });
    if (!payment) return;
    if (payment.status === 'PENDING') {
      // The order is already cancelled: no payment.failed (orders has nothing to move).
      markFailed(payment, 'order cancelled');
      await manager.save(payment);
      return;
    }
    if (payment.status !== 'CAPTURED' && payment.status !== 'PARTIALLY_REFUNDED') return;
    const id = nameUuid(`cancellation:${payment.id}`);
    if (await manager.existsBy(Refund, { id })) return;
    await this.reserveRefund(manager, payment, null, 'order cancelled', id);
  }

  // -------------------------------------------------------------------------------------------
  // Webhooks

  /**
   * A provider webhook, already verified. Deduplicated on the provider's event id (delivered at
   * least once); a capture or a decline settles a payment still PENDING (a charge that timed out).
   * Returns false for a replay.
   */
  async handleWebhook(event: WebhookEvent): Promise<boolean> {
    const fresh = await inTransaction(this.dataSource, async (manager) => {
      const [inserted] = await queryRows(manager, 'INSERT INTO webhook_event (id, type) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id', [event.id, event.providerType]);
      if (!inserted) return false;
      if (!event.idempotencyKey || !isUuid(event.idempotencyKey)) return true;
      if (event.type !== 'charge.captured' && event.type !== 'charge.declined') return true;
      const payment = await lockPayment(manager, { id: event.idempotencyKey });
      if (!payment || payment.status !== 'PENDING' || payment.method !== 'CARD') return true;
      if (event.type === 'charge.captured') {
        if (event.amount !== null && event.amount !== payment.amount) {
          this.runtime.logger.error('webhook capture amount differs from the payment; ignored', { paymentId: payment.id, amount: event.amount });
          return true;
        }
        markCaptured(payment, event.chargeRef);
        await emitCaptured(this.runtime, manager, payment);
      } else {
        markFailed(payment, 'declined');
        await emitFailed(this.runtime, manager, payment, 'declined');
      }
      await manager.save(payment);
      return true;
    });
    this.runtime.eventsCommitted();
    return fresh;
  }

  // -------------------------------------------------------------------------------------------
  // Overdue installments

  /**
   * Marks every unpaid installment due before today (UTC) OVERDUE, with one history row each.
   * Safe with several instances: a transaction-scoped advisory lock lets one run at a time, and
   * the UPDATE only touches PENDING rows, so running it twice changes nothing the second time.
   * Returns how many it marked.
   */
  async markOverdue(now = new Date()): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked', ['payments:overdue-installments']);
      if (!locked) return 0;
      const marked = await queryRows(
        manager,
        `WITH overdue AS (
           UPDATE installment SET status = 'OVERDUE'
           WHERE status = 'PENDING' AND due_date < ($1::timestamptz AT TIME ZONE 'UTC')::date
           RETURNING id, plan_id, amount
         )
         INSERT INTO credit_history (credit_line_id, kind, amount, available_after, installment_id)
         SELECT p.credit_line_id, 'OVERDUE', o.amount, l.available, o.id
         FROM overdue o JOIN installment_plan p ON p.id = o.plan_id JOIN credit_line l ON l.id = p.credit_line_id
         RETURNING installment_id`,
        [now.toISOString()],
      );
      if (marked.length) this.runtime.logger.info('installments marked overdue', { count: marked.length });
      return marked.length;
    });
  }
}

function markCaptured(payment: Payment, chargeRef: string | null) {
  payment.status = 'CAPTURED';
  payment.providerRef = chargeRef;
  payment.cardToken = null;
  payment.failureReason = null;
}

function markFailed(payment: Payment, reason: string) {
  payment.status = 'FAILED';
  payment.failureReason = reason;
  payment.cardToken = null;
}

/** A payment read under its row lock, by id or by order. */
export function lockPayment(manager: EntityManager, where: { id: string } | { orderId: string }): Promise<Payment | null> {
  return manager.findOne(Payment, { where, lock: { mode: 'pessimistic_write' } });
}

const engines = new WeakMap<SubgraphRuntime, PaymentsEngine>();

/** The engine of a running subgraph (one provider, one breaker, one worker per process). */
export function engineFor(runtime: SubgraphRuntime, settings: PaymentsSettings): PaymentsEngine {
  let engine = engines.get(runtime);
  if (!engine) {
    engine = new PaymentsEngine(runtime, settings);
    engines.set(runtime, engine);
  }
  return engine;
}

/** The engine already made for a runtime (tests reach the overdue job through it). */
export function runningEngine(runtime: SubgraphRuntime): PaymentsEngine | undefined {
  return engines.get(runtime);
}
