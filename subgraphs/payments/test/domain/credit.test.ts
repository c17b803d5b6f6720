import type { GraphQLError } from 'graphql';
import {
  availableAfterInstallmentPaid,
  availableAfterPurchase,
  dueDate,
  INSTALLMENT_PLANS,
  installmentSchedule,
  isOverdue,
  levelInstallment,
  scoreCreditApplication,
  type CreditApplication,
} from '../../src/domain/credit';

const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as GraphQLError).extensions;
  }
  return null;
};

describe('credit scoring', () => {
  const base: CreditApplication = { requestedLimit: 500_000, monthlyIncome: 600_000, deliveredOrders: 12, totalPaid: 150_000, paymentFailures: 0 };

  it.each([
    ['the best applicant gets what they ask for', {}, { approved: true, score: 100, limit: 500_000 }],
    ['no line goes above 10,000.00', { requestedLimit: 2_000_000 }, { approved: true, score: 100, limit: 1_000_000 }],
    ['score 55 lends once the monthly income', { monthlyIncome: 300_000, deliveredOrders: 2, totalPaid: 20_000 }, { approved: true, score: 55, limit: 300_000 }],
    ['score 65 lends twice the income, capped by the request', { monthlyIncome: 300_000, deliveredOrders: 4, totalPaid: 20_000 }, { approved: true, score: 65, limit: 500_000 }],
    ['a small income with a good history', { monthlyIncome: 50_000, deliveredOrders: 10, totalPaid: 100_000 }, { approved: true, score: 50, limit: 50_000 }],
    ['one failure costs 15 points', { deliveredOrders: 3, totalPaid: 0, paymentFailures: 1, requestedLimit: 1_000_000 }, { approved: true, score: 55, limit: 600_000 }],
    ['a line under 100.00 is not opened', { monthlyIncome: 5_000, deliveredOrders: 10, totalPaid: 100_000 }, { approved: false, score: 50, limit: 0, reason: 'LIMIT_BELOW_MINIMUM' }],
    ['income alone is not enough', { monthlyIncome: 150_000, deliveredOrders: 0, totalPaid: 0 }, { approved: false, score: 20, limit: 0, reason: 'LOW_SCORE' }],
    ['income just under a band gets the lower band', { monthlyIncome: 99_999, deliveredOrders: 2, totalPaid: 10_000 }, { approved: false, score: 20, limit: 0, reason: 'LOW_SCORE' }],
    ['three failures decline whatever the score', { paymentFailures: 3 }, { approved: false, score: 55, limit: 0, reason: 'PAYMENT_FAILURES' }],
    ['the score never goes below 0', { monthlyIncome: 0, deliveredOrders: 0, totalPaid: 0, paymentFailures: 9 }, { approved: false, score: 0, limit: 0, reason: 'PAYMENT_FAILURES' }],
  ])('%s', (_name, changes, decision) => {
    expect(scoreCreditApplication({ ...base, ...changes })).toEqual(decision);
  });

  it('refuses a requested limit under 100.00 or a negative or fractional income as BAD_USER_INPUT', () => {
    expect(thrown(() => scoreCreditApplication({ ...base, requestedLimit: 9_999 }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.requestedLimit' });
    expect(thrown(() => scoreCreditApplication({ ...base, monthlyIncome: -1 }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.monthlyIncome' });
    expect(thrown(() => scoreCreditApplication({ ...base, monthlyIncome: 1_000.5 }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.monthlyIncome' });
  });
});

describe('installment schedules', () => {
  it('splits 1,000.00 over 6 months at 1% a month exactly to the minor unit (the docs example)', () => {
    const schedule = installmentSchedule(100_000, 6, new Date('2027-01-31T15:00:00Z'));
    expect(schedule.levelAmount).toBe(17_255);
    expect(schedule.installments.map(({ number, dueDate, amount, principal, interest }) => [number, dueDate, amount, principal, interest])).toEqual([
      [1, '2027-02-28', 17_255, 16_255, 1_000],
      [2, '2027-03-31', 17_255, 16_418, 837],
      [3, '2027-04-30', 17_255, 16_582, 673],
      [4, '2027-05-31', 17_255, 16_748, 507],
      [5, '2027-06-30', 17_255, 16_915, 340],
      [6, '2027-07-31', 17_253, 17_082, 171],
    ]);
    expect(schedule.totalInterest).toBe(3_528);
    expect(schedule.totalAmount).toBe(103_528);
    expect(schedule.installments.reduce((sum, i) => sum + i.amount, 0)).toBe(100_000 + 3_528);
    expect(schedule.installments.reduce((sum, i) => sum + i.principal, 0)).toBe(100_000);
  });

  it('charges no interest over 3 months and puts the remainder on the last installment', () => {
    const schedule = installmentSchedule(100_000, 3, new Date('2027-03-15T00:00:00Z'));
    expect(schedule.installments.map((i) => i.amount)).toEqual([33_333, 33_333, 33_334]);
    expect(schedule.totalInterest).toBe(0);
  });

  it('keeps every 3/6/12 schedule exact for many amounts', () => {
    // Deterministic pseudo-random amounts (LCG) plus the edges: tiny, round, odd and huge.
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    const amounts = [1, 2, 3, 5, 7, 11, 99, 100, 101, 1_199, 1_200, 99_999, 100_000, 999_999_999];
    for (let i = 0; i < 700; i++) amounts.push(1 + (next() % 5_000_000));
    // Checked with plain comparisons (one expect at the end): 2,142 schedules × 12 expects each is slow.
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
    };
    for (const count of [3, 6, 12]) {
      const bp = INSTALLMENT_PLANS[count].monthlyRateBasisPoints;
      for (const principal of amounts) {
        const schedule = installmentSchedule(principal, count, new Date('2027-05-31T10:00:00Z'));
        const { installments } = schedule;
        const where = `${principal} over ${count}`;
        check(installments.length === count, `${where}: count`);
        let outstanding = principal;
        for (const installment of installments) {
          for (const value of [installment.amount, installment.principal, installment.interest]) {
            check(Number.isSafeInteger(value) && value >= 0, `${where}: ${value} is not a whole non-negative amount`);
          }
          // Interest is the outstanding principal × rate, rounded half up (checked in integers).
          check(installment.interest === Math.floor((2 * outstanding * bp + 10_000) / 20_000), `${where}: interest of #${installment.number}`);
          check(installment.amount === installment.principal + installment.interest, `${where}: parts of #${installment.number}`);
          outstanding -= installment.principal;
        }
        check(outstanding === 0, `${where}: ${outstanding} principal left`);
        check(installments.reduce((sum, i) => sum + i.amount, 0) === schedule.totalAmount, `${where}: Σ amounts`);
        check(schedule.totalAmount === principal + schedule.totalInterest, `${where}: total`);
        if (principal >= 100 * count) {
          // All but the last installment are level, and the last is within a few minor units of it.
          check(
            installments.slice(0, -1).every((i) => i.amount === schedule.levelAmount),
            `${where}: not level`,
          );
          check(Math.abs(installments[count - 1].amount - schedule.levelAmount) <= count, `${where}: last too far from level`);
          // Cross-check the exact BigInt level payment against the textbook float formula.
          const r = bp / 10_000;
          const float = r === 0 ? principal / count : (principal * r) / (1 - (1 + r) ** -count);
          check(Math.abs(schedule.levelAmount - float) <= 0.5 + 1e-6 * float, `${where}: level ${schedule.levelAmount} vs ${float}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('computes the level payment in integers even for amounts where floats lose precision', () => {
    // 9,007,199,254,740,991 minor units (Number.MAX_SAFE_INTEGER) over 12 months at 1.5%; the
    // expected value comes from Python's decimal module at 80 digits, rounded half up.
    const level = levelInstallment(Number.MAX_SAFE_INTEGER, 12, 150);
    expect(Number.isSafeInteger(level)).toBe(true);
    expect(level).toBe(825_779_963_779_645);
  });

  it('refuses plans other than 3, 6 or 12 and non-positive amounts as BAD_USER_INPUT', () => {
    expect(thrown(() => installmentSchedule(10_000, 4, new Date()))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.installments' });
    expect(thrown(() => installmentSchedule(0, 3, new Date()))).toEqual({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(thrown(() => installmentSchedule(10.5, 3, new Date()))).toEqual({ code: 'BAD_USER_INPUT', field: 'amount' });
  });
});

describe('due dates and overdue installments', () => {
  it('falls due monthly on the purchase day, clamped to the end of shorter months, across years and leap days', () => {
    const from31Jan = new Date('2028-01-31T23:30:00Z');
    expect([1, 2, 3, 4].map((n) => dueDate(from31Jan, n))).toEqual(['2028-02-29', '2028-03-31', '2028-04-30', '2028-05-31']);
    const from30Nov = new Date('2026-11-30T08:00:00Z');
    expect([1, 2, 3, 12].map((n) => dueDate(from30Nov, n))).toEqual(['2026-12-30', '2027-01-30', '2027-02-28', '2027-11-30']);
  });

  it('is overdue from 00:00 UTC the day after the due date, and never once paid', () => {
    const installment = { dueDate: '2027-02-28', paid: false };
    expect(isOverdue(installment, new Date('2027-02-28T23:59:59.999Z'))).toBe(false);
    expect(isOverdue(installment, new Date('2027-03-01T00:00:00.000Z'))).toBe(true);
    expect(isOverdue({ ...installment, paid: true }, new Date('2027-06-01T00:00:00Z'))).toBe(false);
  });
});

describe('available balance', () => {
  it('goes down by the principal at purchase and back up to the limit as installments are paid', () => {
    const limit = 300_000;
    const purchase = availableAfterPurchase(limit, 100_000);
    expect(purchase).toEqual({ ok: true, availableAfter: 200_000 });
    let available = (purchase as { availableAfter: number }).availableAfter;

    expect(availableAfterPurchase(available, 250_000)).toEqual({ ok: false, shortBy: 50_000 });

    const schedule = installmentSchedule(100_000, 6, new Date('2027-01-31T00:00:00Z'));
    const seen = [];
    for (const installment of schedule.installments) {
      available = availableAfterInstallmentPaid(available, limit, installment);
      seen.push(available);
    }
    // Interest never uses up the line: only principal parts come back.
    expect(seen).toEqual([216_255, 232_673, 249_255, 266_003, 282_918, 300_000]);
    expect(availableAfterInstallmentPaid(limit, limit, { principal: 1 })).toBe(limit);
  });
});
