import { ChargeOutcomeUnknownError, type ChargeRequest, type ChargeResult, type PaymentProvider } from './provider';

/**
 * The charging rules, around any `PaymentProvider`:
 * - a transient failure is retried with exponential backoff (same idempotency key, so the
 *   provider charges at most once);
 * - a charge that does not answer within `attemptTimeoutMs` (or whose answer was lost) is
 *   resolved by asking the provider for the charge by its idempotency key, never by charging again;
 * - a circuit breaker stops calling a provider that keeps failing, and the caller is told to
 *   come back later (`retry-later`), which is not a payment failure.
 * The numbers are in `CHARGING_DEFAULTS` and docs/payments.md.
 */

export const CHARGING_DEFAULTS = {
  /** Attempts per charge, the first included (so up to 3 retries). */
  maxAttempts: 4,
  /** Backoff before retry n (1-based): min(maxDelayMs, baseDelayMs * 2^(n-1)), then jittered. */
  baseDelayMs: 200,
  maxDelayMs: 2_000,
  /** How long one provider call may take before it counts as a timeout. */
  attemptTimeoutMs: 10_000,
  /** Consecutive failed calls that open the breaker. */
  failureThreshold: 5,
  /** How long the breaker stays open before it lets one trial call through (half-open). */
  coolDownMs: 30_000,
} as const;

export type ChargeOutcome =
  | { outcome: 'captured'; chargeRef: string; amount: number; attempts: number }
  | { outcome: 'declined'; reason: string; attempts: number }
  /** Every attempt failed transiently: nothing was charged. */
  | { outcome: 'failed'; reason: string; attempts: number }
  /**
   * The provider did not answer and does not know the charge (yet): the payment stays pending
   * until its webhook or a later `findCharge` settles it. Charging again is not safe.
   */
  | { outcome: 'unresolved'; attempts: number }
  /** The breaker is open: the provider was not called; try again after `retryAfterMs`. */
  | { outcome: 'retry-later'; retryAfterMs: number; attempts: number };

/** Time as the runner and the breaker see it; tests inject a manual one. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  failureThreshold?: number;
  coolDownMs?: number;
  clock?: Pick<Clock, 'now'>;
}

/**
 * Closed → (failureThreshold consecutive failures) → open → (coolDownMs) → half-open, where
 * one trial call goes through: success closes it, failure opens it again for another cool-down.
 *
 * Hand-written (about 50 lines) rather than opossum: opossum opens on an error percentage over
 * a rolling window rather than on N consecutive failures, moves to half-open on its own
 * setTimeout (no clock to inject, so tests would need fake timers), and an open opossum breaker
 * rejects without saying how long to wait, which is what our callers need.
 */
export class CircuitBreaker {
  private readonly failureThreshold: number;
  private readonly coolDownMs: number;
  private readonly clock: Pick<Clock, 'now'>;
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? CHARGING_DEFAULTS.failureThreshold;
    this.coolDownMs = options.coolDownMs ?? CHARGING_DEFAULTS.coolDownMs;
    this.clock = options.clock ?? systemClock;
  }

  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.clock.now() - this.openedAt >= this.coolDownMs ? 'half-open' : 'open';
  }

  /** Null when a call may go ahead (the caller must then report `success` or `failure`); else how long to wait. */
  acquire(): null | { retryAfterMs: number } {
    const state = this.state;
    if (state === 'closed') return null;
    if (state === 'half-open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return null;
    }
    // Open, or half-open with its one trial call still running.
    const remaining = (this.openedAt ?? 0) + this.coolDownMs - this.clock.now();
    return { retryAfterMs: Math.max(remaining, 1_000) };
  }

  success(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  /** The call ended in a way that says nothing about the provider's health (a bug on our side). */
  release(): void {
    this.trialInFlight = false;
  }

  failure(): void {
    this.failures++;
    if (this.trialInFlight || this.failures >= this.failureThreshold) {
      this.openedAt = this.clock.now();
      this.trialInFlight = false;
    }
  }
}

export interface ChargeRunnerOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  attemptTimeoutMs?: number;
  clock?: Clock;
  /** Jitter source in [0, 1); the delay is spread over [d/2, d). Tests pass `() => 0`. */
  random?: () => number;
  /** One breaker per provider, shared by every runner of that provider. */
  breaker?: CircuitBreaker;
}

const TIMED_OUT = Symbol('timed out');

/** Wraps a provider with the charging rules; one per provider, shared by every request. */
export class ChargeRunner {
  readonly breaker: CircuitBreaker;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly attemptTimeoutMs: number;
  private readonly clock: Clock;
  private readonly random: () => number;

  constructor(
    private readonly provider: PaymentProvider,
    options: ChargeRunnerOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? CHARGING_DEFAULTS.maxAttempts;
    this.baseDelayMs = options.baseDelayMs ?? CHARGING_DEFAULTS.baseDelayMs;
    this.maxDelayMs = options.maxDelayMs ?? CHARGING_DEFAULTS.maxDelayMs;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? CHARGING_DEFAULTS.attemptTimeoutMs;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.breaker = options.breaker ?? new CircuitBreaker({ clock: this.clock });
  }

  /** Backoff before retry `retry` (1-based), jittered to spread retries of many payments. */
  backoffMs(retry: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (retry - 1));
    return Math.floor(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  async charge(request: ChargeRequest): Promise<ChargeOutcome> {
    let lastReason = 'transient failure';
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      if (attempt > 1) await this.clock.sleep(this.backoffMs(attempt - 1));
      const wait = this.breaker.acquire();
      if (wait) return { outcome: 'retry-later', retryAfterMs: wait.retryAfterMs, attempts: attempt - 1 };

      let result: ChargeResult | typeof TIMED_OUT;
      try {
        result = await this.withTimeout(this.provider.charge(request));
      } catch (error) {
        if (!(error instanceof ChargeOutcomeUnknownError)) {
          // Not a charge outcome (bad configuration, a bug): says nothing about the provider's health.
          this.breaker.release();
          throw error;
        }
        result = TIMED_OUT;
      }

      if (result === TIMED_OUT) {
        this.breaker.failure();
        return this.resolveByIdempotencyKey(request, attempt);
      }
      if (result.outcome === 'transient-failure') {
        this.breaker.failure();
        lastReason = result.reason;
        continue;
      }
      // A decline is the provider working as it should: it counts as a success for the breaker.
      this.breaker.success();
      return result.outcome === 'captured'
        ? { outcome: 'captured', chargeRef: result.chargeRef, amount: result.amount, attempts: attempt }
        : { outcome: 'declined', reason: result.reason, attempts: attempt };
    }
    return { outcome: 'failed', reason: lastReason, attempts: this.maxAttempts };
  }

  /**
   * After a timeout, only the provider knows whether money moved. Asking is retried like a
   * charge (it is read-only, so that is always safe); a charge is never sent again here.
   */
  private async resolveByIdempotencyKey(request: ChargeRequest, attempts: number): Promise<ChargeOutcome> {
    for (let lookup = 1; lookup <= this.maxAttempts; lookup++) {
      if (lookup > 1) await this.clock.sleep(this.backoffMs(lookup - 1));
      let found;
      try {
        const answer = await this.withTimeout(this.provider.findCharge(request.idempotencyKey));
        if (answer === TIMED_OUT) continue;
        found = answer;
      } catch {
        continue;
      }
      if (found === null || found.status === 'processing') return { outcome: 'unresolved', attempts };
      return found.status === 'captured' ? { outcome: 'captured', chargeRef: found.chargeRef, amount: found.amount, attempts } : { outcome: 'declined', reason: found.reason, attempts };
    }
    return { outcome: 'unresolved', attempts };
  }

  /**
   * Races a provider call against the attempt timeout; the timer never outlives the call. It runs
   * on real time, not the injected clock: a manual clock's sleep returns at once and would time
   * out every call before the provider could answer.
   */
  private async withTimeout<T>(call: Promise<T>): Promise<T | typeof TIMED_OUT> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), this.attemptTimeoutMs);
    });
    try {
      return await Promise.race([call, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
