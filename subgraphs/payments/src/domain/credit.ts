import { badUserInput } from '@supergraph/errors';

/**
 * The credit line's rules, as pure functions over integers in minor units: scoring an
 * application, installment schedules, the available balance and overdue installments.
 * docs/payments.md has the same tables and a worked example; keep the two in step.
 */

// ---------------------------------------------------------------------------------------------
// Scoring

export interface CreditApplication {
  /** Limit asked for (`applyForCredit.requestedLimit`). */
  requestedLimit: number;
  /** Declared monthly income (`applyForCredit.monthlyIncome`). */
  monthlyIncome: number;
  /** From the applicant's history (orders' read model): orders delivered to them. */
  deliveredOrders: number;
  /** From the applicant's history: everything they paid, net of refunds. */
  totalPaid: number;
  /** From the applicant's history: declined or failed payments and overdue installments. */
  paymentFailures: number;
}

export type CreditDecision = { approved: true; score: number; limit: number } | { approved: false; score: number; limit: 0; reason: 'PAYMENT_FAILURES' | 'LOW_SCORE' | 'LIMIT_BELOW_MINIMUM' };

export const CREDIT_RULES = {
  /** Points by monthly income: first band whose `from` the income reaches, from the top. */
  incomePoints: [
    { from: 500_000, points: 50 },
    { from: 250_000, points: 35 },
    { from: 100_000, points: 20 },
    { from: 0, points: 0 },
  ],
  deliveredOrderPoints: [
    { from: 10, points: 30 },
    { from: 3, points: 20 },
    { from: 1, points: 10 },
    { from: 0, points: 0 },
  ],
  totalPaidPoints: [
    { from: 100_000, points: 20 },
    { from: 10_000, points: 10 },
    { from: 0, points: 0 },
  ],
  /** Points off per past payment failure. */
  pointsPerFailure: -15,
  /** This many failures decline whatever the score. */
  maxFailures: 3,
  /** Lowest score that is approved. */
  minScore: 40,
  /** Limit as a multiple of monthly income, by score: first band whose `from` the score reaches. */
  incomeMultiples: [
    { from: 80, multiple: 3 },
    { from: 60, multiple: 2 },
    { from: 40, multiple: 1 },
  ],
  /** Smallest line worth opening (100.00) and the largest we grant (10,000.00). */
  minLimit: 10_000,
  maxLimit: 1_000_000,
  /** Declared incomes above 1,000,000.00 a month are refused as input errors. */
  maxMonthlyIncome: 100_000_000,
} as const;

const bandOf = <T extends { from: number }>(bands: readonly T[], value: number): T => bands.find((band) => value >= band.from)!;

const isAmount = (value: number) => Number.isSafeInteger(value) && value >= 0;

/**
 * Scores an application (0 to 100) and grants min(requestedLimit, multiple × monthly income,
 * maxLimit). Deterministic: the same inputs always give the same decision.
 */
export function scoreCreditApplication(application: CreditApplication): CreditDecision {
  const { requestedLimit, monthlyIncome, deliveredOrders, totalPaid, paymentFailures } = application;
  if (!isAmount(requestedLimit) || requestedLimit < CREDIT_RULES.minLimit) {
    throw badUserInput(`requestedLimit must be a whole number of minor units, at least ${CREDIT_RULES.minLimit}`, 'input.requestedLimit');
  }
  if (!isAmount(monthlyIncome) || monthlyIncome > CREDIT_RULES.maxMonthlyIncome) {
    throw badUserInput(`monthlyIncome must be a whole number of minor units, 0 to ${CREDIT_RULES.maxMonthlyIncome}`, 'input.monthlyIncome');
  }
  const raw =
    bandOf(CREDIT_RULES.incomePoints, monthlyIncome).points +
    bandOf(CREDIT_RULES.deliveredOrderPoints, deliveredOrders).points +
    bandOf(CREDIT_RULES.totalPaidPoints, totalPaid).points +
    CREDIT_RULES.pointsPerFailure * paymentFailures;
  const score = Math.min(Math.max(raw, 0), 100);
  if (paymentFailures >= CREDIT_RULES.maxFailures) return { approved: false, score, limit: 0, reason: 'PAYMENT_FAILURES' };
  if (score < CREDIT_RULES.minScore) return { approved: false, score, limit: 0, reason: 'LOW_SCORE' };
  const { multiple } = bandOf(CREDIT_RULES.incomeMultiples, score);
  const limit = Math.min(requestedLimit, multiple * monthlyIncome, CREDIT_RULES.maxLimit);
  if (limit < CREDIT_RULES.minLimit) return { approved: false, score, limit: 0, reason: 'LIMIT_BELOW_MINIMUM' };
  return { approved: true, score, limit };
}

// ---------------------------------------------------------------------------------------------
// Installment plans

/** Monthly interest by plan length, in basis points (100 = 1.00% a month). */
export const INSTALLMENT_PLANS: Readonly<Record<number, { monthlyRateBasisPoints: number }>> = {
  3: { monthlyRateBasisPoints: 0 },
  6: { monthlyRateBasisPoints: 100 },
  12: { monthlyRateBasisPoints: 150 },
};

export interface Installment {
  /** 1-based. */
  number: number;
  /** Calendar date (UTC), `YYYY-MM-DD`. */
  dueDate: string;
  amount: number;
  principal: number;
  interest: number;
}

export interface InstallmentSchedule {
  count: number;
  monthlyRateBasisPoints: number;
  principal: number;
  /** The level installment (all but possibly the last, which absorbs the rounding). */
  levelAmount: number;
  installments: Installment[];
  totalInterest: number;
  /** principal + totalInterest = Σ installment amounts. */
  totalAmount: number;
}

const BP = 10_000n;

/** numerator / denominator rounded half up, for non-negative operands. */
const divHalfUp = (numerator: bigint, denominator: bigint): bigint => (2n * numerator + denominator) / (2n * denominator);

/**
 * The level payment of the standard (French) amortization, P·r / (1 − (1 + r)^−n), rounded
 * half up to the minor unit. With r = bp / 10,000 it is exactly
 * P·bp·(10,000 + bp)^n / (10,000·((10,000 + bp)^n − 10,000^n)), computed in BigInt so no
 * floating-point error can creep in.
 */
export function levelInstallment(principal: number, count: number, monthlyRateBasisPoints: number): number {
  const p = BigInt(principal);
  const n = BigInt(count);
  if (monthlyRateBasisPoints === 0) return Number(divHalfUp(p, n));
  const bp = BigInt(monthlyRateBasisPoints);
  const growth = (BP + bp) ** n;
  return Number(divHalfUp(p * bp * growth, BP * (growth - BP ** n)));
}

/**
 * The schedule of a purchase of `principal` in `count` monthly installments. Rounding rule:
 * - every installment but the last is the level payment, rounded half up to the minor unit;
 * - its interest part is the outstanding principal × the monthly rate, rounded half up;
 *   its principal part is the rest (never more than what is outstanding);
 * - the last installment pays all the outstanding principal plus its interest, so it absorbs
 *   the rounding: Σ principal parts = principal exactly, Σ amounts = principal + Σ interest.
 */
export function installmentSchedule(principal: number, count: number, purchasedAt: Date): InstallmentSchedule {
  const plan = INSTALLMENT_PLANS[count];
  if (!plan) throw badUserInput('installments must be 3, 6 or 12', 'input.installments');
  if (!Number.isSafeInteger(principal) || principal <= 0) throw badUserInput('amount must be a positive whole number of minor units', 'amount');
  const bp = BigInt(plan.monthlyRateBasisPoints);
  const levelAmount = levelInstallment(principal, count, plan.monthlyRateBasisPoints);
  const installments: Installment[] = [];
  let outstanding = principal;
  for (let number = 1; number <= count; number++) {
    const interest = Number(divHalfUp(BigInt(outstanding) * bp, BP));
    const principalPart = number === count ? outstanding : Math.min(levelAmount - interest, outstanding);
    installments.push({ number, dueDate: dueDate(purchasedAt, number), amount: principalPart + interest, principal: principalPart, interest });
    outstanding -= principalPart;
  }
  const totalInterest = installments.reduce((sum, installment) => sum + installment.interest, 0);
  return { count, monthlyRateBasisPoints: plan.monthlyRateBasisPoints, principal, levelAmount, installments, totalInterest, totalAmount: principal + totalInterest };
}

/**
 * The due date of installment `number`: the purchase's UTC calendar day, `number` months later,
 * clamped to the end of shorter months (a purchase on 31 January is due 28/29 February, 31 March, ...).
 */
export function dueDate(purchasedAt: Date, number: number): string {
  const year = purchasedAt.getUTCFullYear();
  const month = purchasedAt.getUTCMonth() + number;
  // Day 0 of the next month is the last day of `month`; Date.UTC carries months over into years.
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(purchasedAt.getUTCDate(), lastDay))).toISOString().slice(0, 10);
}

/** An unpaid installment is overdue from 00:00 UTC the day after its due date. */
export function isOverdue(installment: { dueDate: string; paid: boolean }, now: Date): boolean {
  if (installment.paid) return false;
  return now.getTime() >= Date.parse(`${installment.dueDate}T00:00:00Z`) + 86_400_000;
}

// ---------------------------------------------------------------------------------------------
// Available balance: limit − outstanding principal. Interest never uses up the line.

export type PurchaseCheck = { ok: true; availableAfter: number } | { ok: false; shortBy: number };

/** A purchase takes its principal off the available balance, or is refused if it does not fit. */
export function availableAfterPurchase(available: number, principal: number): PurchaseCheck {
  if (principal > available) return { ok: false, shortBy: principal - available };
  return { ok: true, availableAfter: available - principal };
}

/** Paying an installment gives its principal part back, never above the limit. */
export function availableAfterInstallmentPaid(available: number, limit: number, installment: Pick<Installment, 'principal'>): number {
  return Math.min(available + installment.principal, limit);
}
