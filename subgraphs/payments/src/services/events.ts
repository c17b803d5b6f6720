import type { SubgraphRuntime } from '@supergraph/service-kit';
import type { EntityManager } from 'typeorm';
import type { CreditLine } from '../entities/CreditLine';
import type { Payment } from '../entities/Payment';

/** The events payments emits, built in one place from its rows (always inside the caller's transaction). */

export const money = (amount: number, currency: string) => ({ amount, currency });

export function emitCaptured(runtime: SubgraphRuntime, manager: EntityManager, payment: Payment) {
  return runtime.emit(manager, 'payments.payment.captured', {
    paymentId: payment.id,
    orderId: payment.orderId,
    customerId: payment.customerId,
    amount: money(payment.amount, payment.currency),
    method: payment.method,
  });
}

export function emitFailed(runtime: SubgraphRuntime, manager: EntityManager, payment: Payment, reason: string) {
  return runtime.emit(manager, 'payments.payment.failed', { paymentId: payment.id, orderId: payment.orderId, customerId: payment.customerId, reason });
}

export function emitCreditLine(runtime: SubgraphRuntime, manager: EntityManager, line: CreditLine) {
  return runtime.emit(manager, 'payments.creditLine.updated', {
    creditLineId: line.id,
    customerId: line.customerId,
    status: line.status,
    limit: money(line.limit, line.currency),
    available: money(line.available, line.currency),
  });
}

/** One row of a line's history (applied, drawn, repaid, refunded, overdue). */
export function recordCredit(
  manager: EntityManager,
  line: CreditLine,
  kind: 'APPLIED' | 'DRAWN' | 'REPAID' | 'REFUNDED' | 'OVERDUE',
  amount: number,
  refs: { paymentId?: string; installmentId?: string } = {},
) {
  return manager.query('INSERT INTO credit_history (credit_line_id, kind, amount, available_after, payment_id, installment_id) VALUES ($1, $2, $3, $4, $5, $6)', [
    line.id,
    kind,
    amount,
    line.available,
    refs.paymentId ?? null,
    refs.installmentId ?? null,
  ]);
}
