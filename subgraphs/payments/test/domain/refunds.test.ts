import type { GraphQLError } from 'graphql';
import { planRefund, refundableAmount, type RefundablePayment } from '../../src/domain/refunds';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as GraphQLError).extensions.code;
  }
  return 'no error';
};

describe('refunds', () => {
  it('moves CAPTURED → PARTIALLY_REFUNDED → REFUNDED and never refunds more than was captured', () => {
    let payment: RefundablePayment = { status: 'CAPTURED', captured: 10_000, refunded: 0 };
    const first = planRefund(payment, 3_000);
    expect(first).toEqual({ amount: 3_000, refundedAfter: 3_000, statusAfter: 'PARTIALLY_REFUNDED' });
    payment = { ...payment, status: first.statusAfter, refunded: first.refundedAfter };
    expect(refundableAmount(payment)).toBe(7_000);

    expect(codeOf(() => planRefund(payment, 7_001))).toBe('BAD_USER_INPUT');
    const rest = planRefund(payment, 7_000);
    expect(rest).toEqual({ amount: 7_000, refundedAfter: 10_000, statusAfter: 'REFUNDED' });
    payment = { ...payment, status: rest.statusAfter, refunded: rest.refundedAfter };

    expect(refundableAmount(payment)).toBe(0);
    expect(codeOf(() => planRefund(payment, 1))).toBe('CONFLICT');
  });

  it('refunds the whole remainder when no amount is given', () => {
    expect(planRefund({ status: 'PARTIALLY_REFUNDED', captured: 5_000, refunded: 1_234 })).toEqual({ amount: 3_766, refundedAfter: 5_000, statusAfter: 'REFUNDED' });
  });

  it('refuses zero, negative and fractional amounts as BAD_USER_INPUT', () => {
    const payment: RefundablePayment = { status: 'CAPTURED', captured: 5_000, refunded: 0 };
    for (const amount of [0, -1, 10.5, Number.NaN]) expect(codeOf(() => planRefund(payment, amount))).toBe('BAD_USER_INPUT');
  });

  it('refuses to refund a payment that was never captured (CONFLICT)', () => {
    for (const status of ['PENDING', 'AUTHORIZED', 'FAILED', 'REFUNDED'] as const) {
      expect(codeOf(() => planRefund({ status, captured: 5_000, refunded: 0 }, 100))).toBe('CONFLICT');
      expect(refundableAmount({ status, captured: 5_000, refunded: 0 })).toBe(0);
    }
  });

  it('in any sequence of partial refunds, the refunded total stops exactly at the captured amount', () => {
    for (let captured = 1; captured <= 3_000; captured += 37) {
      let payment: RefundablePayment = { status: 'CAPTURED', captured, refunded: 0 };
      let step = 1;
      while (payment.status !== 'REFUNDED') {
        const wanted = step++ * 13;
        const amount = Math.min(wanted, refundableAmount(payment));
        if (wanted > refundableAmount(payment)) expect(codeOf(() => planRefund(payment, wanted))).toBe('BAD_USER_INPUT');
        const plan = planRefund(payment, amount);
        payment = { ...payment, status: plan.statusAfter, refunded: plan.refundedAfter };
        expect(payment.refunded).toBeLessThanOrEqual(captured);
      }
      expect(payment.refunded).toBe(captured);
    }
  });
});
