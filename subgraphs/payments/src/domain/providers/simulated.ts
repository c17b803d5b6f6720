import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { conflict, unauthenticated } from '@supergraph/errors';
import type { ChargeRequest, ChargeResult, FoundCharge, PaymentProvider, RefundRequest, RefundResult, WebhookEvent } from '../provider';

/**
 * The card tokens the simulated provider knows. Its behaviour depends only on the token (and,
 * for `tok_transient`, on how often the same idempotency key was tried), so tests and demos
 * can produce every outcome on purpose.
 */
export const SIMULATED_TOKENS = {
  /** Captured. */
  visa: 'tok_visa',
  /** Declined (`card_declined`), every time. */
  declined: 'tok_chargeDeclined',
  /** Fails transiently on the first two attempts of an idempotency key, then is captured. */
  transient: 'tok_transient',
  /** Captured at the provider, but the answer never comes back: only `findCharge` tells. */
  timeout: 'tok_timeout',
} as const;

const SIMULATED_EVENT_TYPES = ['charge.captured', 'charge.declined', 'charge.refunded'] as const;

/** How many attempts of one idempotency key `tok_transient` fails before it succeeds. */
const TRANSIENT_FAILURES = 2;

export interface SimulatedCharge {
  chargeRef: string;
  idempotencyKey: string;
  amount: number;
  currency: string;
  status: 'captured' | 'declined';
  reason: string | null;
  refunded: number;
}

/**
 * Where the simulated provider keeps its charges. It stands in for an external system, so in the
 * payments subgraph its ledger is a table of its own, written outside the payment's transaction:
 * after a crash or a restart `findCharge` still knows what was charged, as a real provider would.
 * The in-memory ledger (the default) serves the domain tests.
 */
export interface SimulatedLedger {
  find(idempotencyKey: string): Promise<SimulatedCharge | null>;
  /** Stores a new charge; if one exists for the key (a race), returns that one instead. */
  insert(charge: SimulatedCharge): Promise<SimulatedCharge>;
  /** Attempts of a key so far, this one included (for `tok_transient`). */
  countAttempt(idempotencyKey: string): Promise<number>;
  /** Adds a refund unless its key was seen; returns the refund (a replay returns the first one). */
  refund(request: RefundRequest, refundRef: string): Promise<RefundResult>;
}

export class MemoryLedger implements SimulatedLedger {
  private readonly charges = new Map<string, SimulatedCharge>();
  private readonly attemptsByKey = new Map<string, number>();
  private readonly refunds = new Map<string, RefundResult>();

  async find(idempotencyKey: string) {
    return this.charges.get(idempotencyKey) ?? null;
  }

  async insert(charge: SimulatedCharge) {
    const known = this.charges.get(charge.idempotencyKey);
    if (known) return known;
    this.charges.set(charge.idempotencyKey, charge);
    return charge;
  }

  async countAttempt(idempotencyKey: string) {
    const attempts = (this.attemptsByKey.get(idempotencyKey) ?? 0) + 1;
    this.attemptsByKey.set(idempotencyKey, attempts);
    return attempts;
  }

  async refund(request: RefundRequest, refundRef: string): Promise<RefundResult> {
    const replay = this.refunds.get(request.idempotencyKey);
    if (replay) return replay;
    const charge = [...this.charges.values()].find((c) => c.chargeRef === request.chargeRef);
    checkRefund(charge, request);
    charge!.refunded += request.amount;
    const refund = { refundRef, amount: request.amount };
    this.refunds.set(request.idempotencyKey, refund);
    return refund;
  }
}

/** The provider refuses over-refunds too; the domain checks first, so this only catches bugs. */
export function checkRefund(charge: SimulatedCharge | null | undefined, request: RefundRequest) {
  if (!charge || charge.status !== 'captured') throw new Error(`Simulated provider: no captured charge ${request.chargeRef}`);
  if (request.amount <= 0 || charge.refunded + request.amount > charge.amount) {
    throw new Error(`Simulated provider: refund of ${request.amount} exceeds what is left on ${request.chargeRef}`);
  }
}

export interface SimulatedProviderOptions {
  /** Secret the simulated webhooks are signed with (same scheme as Stripe's, see `signWebhook`). */
  webhookSecret?: string;
  /** Where charges are kept; in memory (for the life of the process) when absent. */
  ledger?: SimulatedLedger;
}

/**
 * A payment provider that moves no money. With the default in-memory ledger its state lives as
 * long as the process; the payments subgraph gives it a database ledger so that it survives.
 */
export class SimulatedProvider implements PaymentProvider {
  readonly name = 'simulated' as const;
  private readonly ledger: SimulatedLedger;
  private readonly webhookSecret: string;
  /** Every capture this instance made, in order: tests count them to prove nothing was charged twice. */
  readonly captures: { chargeRef: string; idempotencyKey: string; amount: number }[] = [];
  /** How many charge requests reached the provider (including replays of a known key). */
  chargeCalls = 0;

  constructor(options: SimulatedProviderOptions = {}) {
    this.webhookSecret = options.webhookSecret ?? 'whsec_simulated';
    this.ledger = options.ledger ?? new MemoryLedger();
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    this.chargeCalls++;
    const known = await this.ledger.find(request.idempotencyKey);
    if (known) return this.replay(known, request);
    const attempts = await this.ledger.countAttempt(request.idempotencyKey);
    switch (request.token) {
      case SIMULATED_TOKENS.visa:
        return this.capture(request);
      case SIMULATED_TOKENS.transient:
        if (attempts <= TRANSIENT_FAILURES) return { outcome: 'transient-failure', reason: 'processing_error' };
        return this.capture(request);
      case SIMULATED_TOKENS.timeout:
        await this.capture(request);
        // The money moved but the answer is lost: a promise that never settles.
        return new Promise<never>(() => {});
      case SIMULATED_TOKENS.declined:
        return this.decline(request, 'card_declined');
      default:
        return this.decline(request, 'invalid_token');
    }
  }

  /** Like a real provider: the same key replays the first answer, and may not change the charge. */
  private replay(known: SimulatedCharge, request: ChargeRequest): ChargeResult {
    if (known.amount !== request.amount || known.currency !== request.currency) {
      throw conflict('Idempotency key reused with a different amount or currency', { idempotencyKey: request.idempotencyKey });
    }
    return known.status === 'captured' ? { outcome: 'captured', chargeRef: known.chargeRef, amount: known.amount } : { outcome: 'declined', reason: known.reason ?? 'card_declined' };
  }

  async findCharge(idempotencyKey: string): Promise<FoundCharge | null> {
    const charge = await this.ledger.find(idempotencyKey);
    if (!charge) return null;
    return charge.status === 'captured'
      ? { status: 'captured', chargeRef: charge.chargeRef, amount: charge.amount }
      : { status: 'declined', chargeRef: charge.chargeRef, reason: charge.reason ?? 'card_declined' };
  }

  refund(request: RefundRequest): Promise<RefundResult> {
    return this.ledger.refund(request, `re_sim_${randomUUID()}`);
  }

  /**
   * Simulated webhooks use Stripe's signature scheme (`t=…,v1=HMAC-SHA256`), checked by the
   * stripe library itself rather than by our own HMAC code; the body is a `WebhookEvent` as JSON.
   */
  parseWebhook(rawBody: string | Buffer, signatureHeader: string): WebhookEvent {
    let event: Partial<WebhookEvent>;
    try {
      event = Stripe.webhooks.constructEvent(rawBody, signatureHeader, this.webhookSecret) as unknown as Partial<WebhookEvent>;
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) throw unauthenticated('Webhook signature is not valid');
      throw error;
    }
    const type = SIMULATED_EVENT_TYPES.find((known) => known === event.type) ?? 'other';
    return {
      id: String(event.id),
      type,
      providerType: String(event.type),
      chargeRef: event.chargeRef ?? null,
      idempotencyKey: event.idempotencyKey ?? null,
      amount: event.amount ?? null,
    };
  }

  /** Body and signature header of a simulated webhook, as the embedded default would post it. */
  signWebhook(event: Omit<WebhookEvent, 'providerType'>, timestamp = Math.floor(Date.now() / 1000)): { body: string; signature: string } {
    const body = JSON.stringify(event);
    return { body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret: this.webhookSecret, timestamp }) };
  }

  private async capture(request: ChargeRequest): Promise<ChargeResult> {
    const charge = await this.store(request, 'captured', null);
    // A concurrent request with the same key may have stored first: its answer is the answer.
    if (charge.status === 'captured' && !this.captures.some((c) => c.chargeRef === charge.chargeRef)) {
      this.captures.push({ chargeRef: charge.chargeRef, idempotencyKey: request.idempotencyKey, amount: request.amount });
    }
    return this.replay(charge, request);
  }

  private async decline(request: ChargeRequest, reason: string): Promise<ChargeResult> {
    return this.replay(await this.store(request, 'declined', reason), request);
  }

  private store(request: ChargeRequest, status: SimulatedCharge['status'], reason: string | null): Promise<SimulatedCharge> {
    return this.ledger.insert({
      chargeRef: `ch_sim_${randomUUID()}`,
      idempotencyKey: request.idempotencyKey,
      amount: request.amount,
      currency: request.currency,
      status,
      reason,
      refunded: 0,
    });
  }
}
