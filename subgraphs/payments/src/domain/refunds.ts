import { badUserInput, conflict } from '@supergraph/errors';

/** The statuses of a payment (`PaymentStatus` in docs/api-conventions.md). */
export type PaymentStatus = 'PENDING' | 'AUTHORIZED' | 'CAPTURED' | 'FAILED' | 'REFUNDED' | 'PARTIALLY_REFUNDED';

export interface RefundablePayment {
  status: PaymentStatus;
  /** What the provider captured, in minor units. */
  captured: number;
  /** The sum of the refunds already made, in minor units. */
  refunded: number;
}

export interface RefundPlan {
  /** The amount to refund now. */
  amount: number;
  refundedAfter: number;
  statusAfter: 'PARTIALLY_REFUNDED' | 'REFUNDED';
}

/** What may still be refunded: never more than was captured, whatever was refunded before. */
export function refundableAmount(payment: RefundablePayment): number {
  if (payment.status !== 'CAPTURED' && payment.status !== 'PARTIALLY_REFUNDED') return 0;
  return Math.max(payment.captured - payment.refunded, 0);
}

/**
 * Checks a refund of `amount` (the whole remainder when null) against a payment read under a
 * row lock, and says what the payment becomes: CAPTURED → PARTIALLY_REFUNDED → REFUNDED.
 * The caller writes `refundedAfter` and `statusAfter` in the same transaction as the refund row.
 */
export function planRefund(payment: RefundablePayment, amount: number | null = null): RefundPlan {
  if (payment.status !== 'CAPTURED' && payment.status !== 'PARTIALLY_REFUNDED') {
    throw conflict(`A ${payment.status} payment cannot be refunded`, { status: payment.status });
  }
  const refundable = refundableAmount(payment);
  if (refundable === 0) throw conflict('The payment is already fully refunded', { status: payment.status });
  const wanted = amount ?? refundable;
  if (!Number.isSafeInteger(wanted) || wanted <= 0) throw badUserInput('amount must be a positive whole number of minor units', 'amount');
  if (wanted > refundable) throw badUserInput(`amount exceeds the refundable ${refundable}`, 'amount', { refundable });
  const refundedAfter = payment.refunded + wanted;
  return { amount: wanted, refundedAfter, statusAfter: refundedAfter === payment.captured ? 'REFUNDED' : 'PARTIALLY_REFUNDED' };
}
