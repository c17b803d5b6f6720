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

interface SimulatedCharge {
  chargeRef: string;
  idempotencyKey: string;
  amount: number;
  currency: string;
  status: 'captured' | 'declined';
  reason: string | null;
  refunded: number;
}

export interface SimulatedProviderOptions {
  /** Secret the simulated webhooks are signed with (same scheme as Stripe's, see `signWebhook`). */
  webhookSecret?: string;
}

/**
 * An in-memory payment provider. State lives as long as the process: after a restart of the
 * embedded default, `findCharge` knows nothing of earlier charges (a real provider would).
 */
export class SimulatedProvider implements PaymentProvider {
  readonly name = 'simulated' as const;
  private readonly charges = new Map<string, SimulatedCharge>();
  private readonly attemptsByKey = new Map<string, number>();
  private readonly refunds = new Map<string, RefundResult & { chargeRef: string }>();
  private readonly webhookSecret: string;
  /** Every capture the provider made, in order: tests count them to prove nothing was charged twice. */
  readonly captures: { chargeRef: string; idempotencyKey: string; amount: number }[] = [];
  /** How many charge requests reached the provider (including replays of a known key). */
  chargeCalls = 0;

  constructor(options: SimulatedProviderOptions = {}) {
    this.webhookSecret = options.webhookSecret ?? 'whsec_simulated';
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    this.chargeCalls++;
    const known = this.charges.get(request.idempotencyKey);
    if (known) {
      // Like a real provider: the same key replays the first answer, and may not change the charge.
      if (known.amount !== request.amount || known.currency !== request.currency) {
        throw conflict('Idempotency key reused with a different amount or currency', { idempotencyKey: request.idempotencyKey });
      }
      return known.status === 'captured'
        ? { outcome: 'captured', chargeRef: known.chargeRef, amount: known.amount }
        : { outcome: 'declined', reason: known.reason ?? 'card_declined' };
    }
    const attempts = (this.attemptsByKey.get(request.idempotencyKey) ?? 0) + 1;
    this.attemptsByKey.set(request.idempotencyKey, attempts);
    switch (request.token) {
      case SIMULATED_TOKENS.visa:
        return this.capture(request);
      case SIMULATED_TOKENS.transient:
        if (attempts <= TRANSIENT_FAILURES) return { outcome: 'transient-failure', reason: 'processing_error' };
        return this.capture(request);
      case SIMULATED_TOKENS.timeout:
        this.capture(request);
        // The money moved but the answer is lost: a promise that never settles.
        return new Promise<never>(() => {});
      case SIMULATED_TOKENS.declined:
        return this.decline(request, 'card_declined');
      default:
        return this.decline(request, 'invalid_token');
    }
  }

  async findCharge(idempotencyKey: string): Promise<FoundCharge | null> {
    const charge = this.charges.get(idempotencyKey);
    if (!charge) return null;
    return charge.status === 'captured'
      ? { status: 'captured', chargeRef: charge.chargeRef, amount: charge.amount }
      : { status: 'declined', chargeRef: charge.chargeRef, reason: charge.reason ?? 'card_declined' };
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    const replay = this.refunds.get(request.idempotencyKey);
    if (replay) return { refundRef: replay.refundRef, amount: replay.amount };
    const charge = [...this.charges.values()].find((c) => c.chargeRef === request.chargeRef);
    if (!charge || charge.status !== 'captured') throw new Error(`Simulated provider: no captured charge ${request.chargeRef}`);
    // The provider refuses over-refunds too; the domain checks first, so this only catches bugs.
    if (request.amount <= 0 || charge.refunded + request.amount > charge.amount) {
      throw new Error(`Simulated provider: refund of ${request.amount} exceeds what is left on ${request.chargeRef}`);
    }
    charge.refunded += request.amount;
    const refund = { refundRef: `re_sim_${randomUUID()}`, amount: request.amount, chargeRef: request.chargeRef };
    this.refunds.set(request.idempotencyKey, refund);
    return { refundRef: refund.refundRef, amount: refund.amount };
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

  private capture(request: ChargeRequest): ChargeResult {
    const charge = this.store(request, 'captured', null);
    this.captures.push({ chargeRef: charge.chargeRef, idempotencyKey: request.idempotencyKey, amount: request.amount });
    return { outcome: 'captured', chargeRef: charge.chargeRef, amount: charge.amount };
  }

  private decline(request: ChargeRequest, reason: string): ChargeResult {
    this.store(request, 'declined', reason);
    return { outcome: 'declined', reason };
  }

  private store(request: ChargeRequest, status: SimulatedCharge['status'], reason: string | null): SimulatedCharge {
    const charge: SimulatedCharge = {
      chargeRef: `ch_sim_${randomUUID()}`,
      idempotencyKey: request.idempotencyKey,
      amount: request.amount,
      currency: request.currency,
      status,
      reason,
      refunded: 0,
    };
    this.charges.set(request.idempotencyKey, charge);
    return charge;
  }
}
