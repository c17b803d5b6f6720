import { ChargeRunner, CircuitBreaker } from '../../src/domain/charging';
import type { ChargeRequest, ChargeResult, FoundCharge, PaymentProvider } from '../../src/domain/provider';
import { SimulatedProvider } from '../../src/domain/providers/simulated';
import { manualClock } from './manual-clock';

const request = (token: string, idempotencyKey: string): ChargeRequest => ({ amount: 2_500, currency: 'usd', token, idempotencyKey });

/**
 * The simulated provider with switchable trouble, for the breaker: while `down`, every charge
 * fails transiently; the calls that reach it are counted.
 */
class FlakyProvider extends SimulatedProvider {
  down = true;
  calls = 0;
  override async charge(req: ChargeRequest): Promise<ChargeResult> {
    this.calls++;
    if (this.down) return { outcome: 'transient-failure', reason: 'processing_error' };
    return super.charge(req);
  }
}

describe('ChargeRunner', () => {
  it('captures tok_visa on the first attempt', async () => {
    const clock = manualClock();
    const runner = new ChargeRunner(new SimulatedProvider(), { clock, random: () => 0 });
    expect(await runner.charge(request('tok_visa', 'visa-key-1'))).toEqual({ outcome: 'captured', chargeRef: expect.any(String), amount: 2_500, attempts: 1 });
    expect(clock.sleeps).toEqual([]);
  });

  it('does not retry a decline', async () => {
    const provider = new SimulatedProvider();
    const runner = new ChargeRunner(provider, { clock: manualClock(), random: () => 0 });
    expect(await runner.charge(request('tok_chargeDeclined', 'declined-key-1'))).toEqual({ outcome: 'declined', reason: 'card_declined', attempts: 1 });
    expect(provider.chargeCalls).toBe(1);
  });

  it('retries tok_transient with backoff and ends captured with exactly one capture at the provider', async () => {
    const provider = new SimulatedProvider();
    const clock = manualClock();
    const runner = new ChargeRunner(provider, { clock, random: () => 0 });
    expect(await runner.charge(request('tok_transient', 'transient-key-1'))).toEqual({ outcome: 'captured', chargeRef: expect.any(String), amount: 2_500, attempts: 3 });
    expect(provider.captures).toHaveLength(1);
    expect(provider.chargeCalls).toBe(3);
    // Exponential: ceilings 200 and 400 ms, jittered into [ceiling/2, ceiling) (random() = 0 here).
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it('spreads the backoff with jitter and caps it at maxDelayMs', () => {
    const runner = new ChargeRunner(new SimulatedProvider(), { random: () => 0.999 });
    expect([1, 2, 3, 4, 5, 6].map((retry) => runner.backoffMs(retry))).toEqual([199, 399, 799, 1_599, 1_999, 1_999]);
  });

  it('gives up as failed after maxAttempts transient failures, having charged nothing', async () => {
    const provider = new FlakyProvider();
    const runner = new ChargeRunner(provider, { clock: manualClock(), random: () => 0, breaker: new CircuitBreaker({ failureThreshold: 100 }) });
    expect(await runner.charge(request('tok_visa', 'flaky-key-1'))).toEqual({ outcome: 'failed', reason: 'processing_error', attempts: 4 });
    expect(provider.calls).toBe(4);
    expect(provider.captures).toHaveLength(0);
  });

  it('resolves tok_timeout by asking findCharge, never by charging twice', async () => {
    const provider = new SimulatedProvider();
    const findCharge = jest.spyOn(provider, 'findCharge');
    const runner = new ChargeRunner(provider, { clock: manualClock(), random: () => 0, attemptTimeoutMs: 50 });
    expect(await runner.charge(request('tok_timeout', 'timeout-key-1'))).toEqual({ outcome: 'captured', chargeRef: expect.any(String), amount: 2_500, attempts: 1 });
    expect(provider.chargeCalls).toBe(1);
    expect(provider.captures).toHaveLength(1);
    expect(findCharge).toHaveBeenCalledWith('timeout-key-1');
  });

  it('leaves a timed-out charge the provider does not know as unresolved, still without charging again', async () => {
    let charges = 0;
    const silent: PaymentProvider = {
      name: 'simulated',
      charge: () => {
        charges++;
        return new Promise<never>(() => {});
      },
      findCharge: async (): Promise<FoundCharge | null> => null,
      refund: () => Promise.reject(new Error('unused')),
      parseWebhook: () => {
        throw new Error('unused');
      },
    };
    const runner = new ChargeRunner(silent, { clock: manualClock(), random: () => 0, attemptTimeoutMs: 20 });
    expect(await runner.charge(request('tok_visa', 'silent-key-1'))).toEqual({ outcome: 'unresolved', attempts: 1 });
    expect(charges).toBe(1);
  });
});

describe('circuit breaker', () => {
  it('opens after 5 consecutive failures: the caller is told to wait and the provider is not called', async () => {
    const clock = manualClock();
    const provider = new FlakyProvider();
    const runner = new ChargeRunner(provider, { clock, random: () => 0, maxAttempts: 1 });
    for (let i = 1; i <= 5; i++) {
      expect(runner.breaker.state).toBe('closed');
      expect((await runner.charge(request('tok_visa', `breaker-key-${i}`))).outcome).toBe('failed');
    }
    expect(runner.breaker.state).toBe('open');
    clock.advance(10_000);
    expect(await runner.charge(request('tok_visa', 'breaker-key-6'))).toEqual({ outcome: 'retry-later', retryAfterMs: 20_000, attempts: 0 });
    expect(provider.calls).toBe(5);
  });

  it('half-opens after the 30 s cool-down, lets one trial call through, and closes when it succeeds', async () => {
    const clock = manualClock();
    const provider = new FlakyProvider();
    const runner = new ChargeRunner(provider, { clock, random: () => 0, maxAttempts: 1 });
    for (let i = 1; i <= 5; i++) await runner.charge(request('tok_visa', `half-open-key-${i}`));
    clock.advance(29_999);
    expect(runner.breaker.state).toBe('open');
    clock.advance(1);
    expect(runner.breaker.state).toBe('half-open');

    // While the trial call is in flight, other callers wait.
    provider.down = false;
    const trial = runner.charge(request('tok_visa', 'half-open-trial'));
    expect((await runner.charge(request('tok_visa', 'half-open-other'))).outcome).toBe('retry-later');
    expect((await trial).outcome).toBe('captured');
    expect(runner.breaker.state).toBe('closed');
    expect((await runner.charge(request('tok_visa', 'half-open-after'))).outcome).toBe('captured');
  });

  it('opens again for a full cool-down when the half-open trial fails', async () => {
    const clock = manualClock();
    const provider = new FlakyProvider();
    const runner = new ChargeRunner(provider, { clock, random: () => 0, maxAttempts: 1 });
    for (let i = 1; i <= 5; i++) await runner.charge(request('tok_visa', `reopen-key-${i}`));
    clock.advance(30_000);
    expect((await runner.charge(request('tok_visa', 'reopen-trial'))).outcome).toBe('failed');
    expect(runner.breaker.state).toBe('open');
    expect(await runner.charge(request('tok_visa', 'reopen-next'))).toEqual({ outcome: 'retry-later', retryAfterMs: 30_000, attempts: 0 });
    expect(provider.calls).toBe(6);
  });

  it('stops a retry loop when the breaker opens mid-way', async () => {
    const clock = manualClock();
    const provider = new FlakyProvider();
    const runner = new ChargeRunner(provider, { clock, random: () => 0, breaker: new CircuitBreaker({ failureThreshold: 2, clock }) });
    const outcome = await runner.charge(request('tok_visa', 'mid-way-key'));
    expect(outcome.outcome).toBe('retry-later');
    expect(provider.calls).toBe(2);
  });

  it('counts declines as a healthy provider: they never open the breaker', async () => {
    const runner = new ChargeRunner(new SimulatedProvider(), { clock: manualClock(), random: () => 0 });
    for (let i = 1; i <= 10; i++) await runner.charge(request('tok_chargeDeclined', `declines-key-${i}`));
    expect(runner.breaker.state).toBe('closed');
  });
});
