import { randomUUID } from 'node:crypto';
import type { Viewer } from '@supergraph/auth';
import { badUserInput, conflict, notFound } from '@supergraph/errors';
import { inTransaction, isUniqueViolation, isUuid, type SubgraphRuntime } from '@supergraph/service-kit';
import { In, type EntityManager } from 'typeorm';
import { availableAfterInstallmentPaid, availableAfterPurchase, installmentSchedule, scoreCreditApplication, type CreditApplication } from '../domain/credit';
import { CreditLine } from '../entities/CreditLine';
import { Installment } from '../entities/Installment';
import { InstallmentPlan } from '../entities/InstallmentPlan';
import type { Payment } from '../entities/Payment';
import { requireViewer } from './access';
import { emitCaptured, emitCreditLine, emitFailed, recordCredit } from './events';

/** Credit lines are kept in this currency (the catalogue's). */
export const CREDIT_CURRENCY = 'USD';

function lockLine(manager: EntityManager, customerId: string) {
  return manager.findOne(CreditLine, { where: { customerId }, lock: { mode: 'pessimistic_write' } });
}

/**
 * Charges a CREDIT_LINE payment (in the worker's transaction, the payment already locked): under
 * the credit line's row lock, the total must fit in the available balance, else the payment fails
 * with "insufficient credit"; otherwise the line is drawn on and the instalment plan created.
 */
export async function drawOnCreditLine(runtime: SubgraphRuntime, manager: EntityManager, payment: Payment) {
  const fail = async (reason: string) => {
    payment.status = 'FAILED';
    payment.failureReason = reason;
    await manager.save(payment);
    await emitFailed(runtime, manager, payment, reason);
  };
  const line = await lockLine(manager, payment.customerId);
  if (!line || line.status !== 'APPROVED') return fail('no approved credit line');
  if (line.currency !== payment.currency) return fail(`credit line is in ${line.currency}`);
  const check = availableAfterPurchase(line.available, payment.amount);
  if (!check.ok) return fail('insufficient credit');

  const schedule = installmentSchedule(payment.amount, payment.installments!, new Date());
  const plan = manager.create(InstallmentPlan, {
    id: randomUUID(),
    creditLineId: line.id,
    paymentId: payment.id,
    orderId: payment.orderId,
    count: schedule.count,
    monthlyRateBasisPoints: schedule.monthlyRateBasisPoints,
    principal: schedule.principal,
    totalAmount: schedule.totalAmount,
    currency: payment.currency,
  });
  await manager.insert(InstallmentPlan, plan);
  await manager.insert(
    Installment,
    schedule.installments.map((installment) => ({ id: randomUUID(), planId: plan.id, ...installment, currency: payment.currency, status: 'PENDING' as const, paidAt: null })),
  );
  line.available = check.availableAfter;
  await manager.save(line);
  await recordCredit(manager, line, 'DRAWN', payment.amount, { paymentId: payment.id });
  payment.status = 'CAPTURED';
  payment.providerRef = plan.id;
  payment.failureReason = null;
  await manager.save(payment);
  await emitCreditLine(runtime, manager, line);
  await emitCaptured(runtime, manager, payment);
}

/**
 * A credit-line purchase is refunded in full only (its instalment plan cannot be re-cut): the
 * instalments not yet paid are dropped and their principal goes back to the line; what was
 * already paid back had already restored the line. Called under the payment's row lock.
 */
export async function refundCreditPurchase(runtime: SubgraphRuntime, manager: EntityManager, payment: Payment, amount: number) {
  if (amount !== payment.amount - payment.refunded) {
    throw conflict('A credit-line purchase is refunded in full only', { refundable: payment.amount - payment.refunded });
  }
  const line = await lockLine(manager, payment.customerId);
  if (!line) return;
  const plan = await manager.findOneBy(InstallmentPlan, { paymentId: payment.id });
  const unpaid = plan ? await manager.find(Installment, { where: { planId: plan.id, status: In(['PENDING', 'OVERDUE']) } }) : [];
  const outstanding = unpaid.reduce((sum, installment) => sum + installment.principal, 0);
  if (unpaid.length) await manager.delete(Installment, { id: In(unpaid.map((installment) => installment.id)) });
  line.available = Math.min(line.available + outstanding, line.limit);
  await manager.save(line);
  await recordCredit(manager, line, 'REFUNDED', outstanding, { paymentId: payment.id });
  await emitCreditLine(runtime, manager, line);
}

/** Applying for credit and paying instalments (the customer's own). */
export class CreditService {
  constructor(private readonly runtime: SubgraphRuntime) {}

  /**
   * Scores the application from the declared income and the customer's history with payments
   * (captured payments stand for delivered orders, the net amount paid, failed payments and
   * overdue instalments), then opens the line (APPROVED or DECLINED) and tells orders.
   */
  async apply(viewer: Viewer | null, input: { requestedLimit: number; monthlyIncome: number }): Promise<CreditLine> {
    const { userId } = requireViewer(viewer);
    // An aggregate without GROUP BY: always exactly one row.
    const [history] = await this.runtime.dataSource.query<Pick<CreditApplication, 'deliveredOrders' | 'totalPaid' | 'paymentFailures'>[]>(
      `SELECT
         count(*) FILTER (WHERE status IN ('CAPTURED', 'PARTIALLY_REFUNDED'))::int AS "deliveredOrders",
         coalesce(sum(amount - refunded) FILTER (WHERE status IN ('CAPTURED', 'PARTIALLY_REFUNDED')), 0)::int AS "totalPaid",
         (count(*) FILTER (WHERE status = 'FAILED' AND failure_reason IS DISTINCT FROM 'order cancelled')
           + (SELECT count(*) FROM installment i JOIN installment_plan p ON p.id = i.plan_id JOIN credit_line l ON l.id = p.credit_line_id
              WHERE l.customer_id = $1 AND i.status = 'OVERDUE'))::int AS "paymentFailures"
       FROM payment WHERE customer_id = $1`,
      [userId],
    );
    // Input errors are thrown here, before anything is written.
    const decision = scoreCreditApplication({ ...input, ...history });
    try {
      const line = await inTransaction(this.runtime.dataSource, async (manager) => {
        let line = await lockLine(manager, userId);
        if (line && line.status !== 'DECLINED') throw conflict('You already have a credit line', { status: line.status });
        line ??= manager.create(CreditLine, { id: randomUUID(), customerId: userId, currency: CREDIT_CURRENCY });
        Object.assign(line, {
          status: decision.approved ? 'APPROVED' : 'DECLINED',
          limit: decision.limit,
          available: decision.limit,
          monthlyIncome: input.monthlyIncome,
          score: decision.score,
        });
        await manager.save(line);
        await recordCredit(manager, line, 'APPLIED', decision.limit);
        await emitCreditLine(this.runtime, manager, line);
        return line;
      });
      this.runtime.eventsCommitted();
      return line;
    } catch (error) {
      // Two applications at once: the second finds the first's row.
      if (isUniqueViolation(error)) throw conflict('You already have a credit line');
      throw error;
    }
  }

  /** The owner pays one PENDING or OVERDUE instalment: it becomes PAID and its principal is available again. */
  async payInstallment(viewer: Viewer | null, installmentId: string): Promise<Installment> {
    const { userId } = requireViewer(viewer);
    if (!isUuid(installmentId)) throw badUserInput('installmentId is not an installment id', 'installmentId');
    const paid = await inTransaction(this.runtime.dataSource, async (manager) => {
      const [owner] = await manager.query<{ customer_id: string }[]>(
        `SELECT l.customer_id FROM installment i JOIN installment_plan p ON p.id = i.plan_id JOIN credit_line l ON l.id = p.credit_line_id WHERE i.id = $1`,
        [installmentId],
      );
      // Someone else's instalment is answered like a missing one: ids are not revealed.
      if (!owner || owner.customer_id !== userId) throw notFound('Installment not found', { field: 'installmentId' });
      const line = (await lockLine(manager, userId))!;
      const installment = await manager.findOneOrFail(Installment, { where: { id: installmentId }, lock: { mode: 'pessimistic_write' } });
      if (installment.status === 'PAID') throw conflict('This installment is already paid');
      installment.status = 'PAID';
      installment.paidAt = new Date();
      await manager.save(installment);
      line.available = availableAfterInstallmentPaid(line.available, line.limit, installment);
      await manager.save(line);
      await recordCredit(manager, line, 'REPAID', installment.principal, { installmentId });
      await emitCreditLine(this.runtime, manager, line);
      return installment;
    });
    this.runtime.eventsCommitted();
    return paid;
  }
}
