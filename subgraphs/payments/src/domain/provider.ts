/**
 * The one seam between the payments domain and whoever moves the money. Everything above it
 * (the charge runner, the services, the webhook endpoint) is the same for the simulated provider
 * (embedded default, tests) and for Stripe (`PAYMENTS_PROVIDER=stripe`).
 *
 * Amounts are integers in minor units of `currency` (ISO 4217, lower case as Stripe wants it).
 */

export interface ChargeRequest {
  amount: number;
  currency: string;
  /** A card token from the client (`tok_visa`, ...); never stored. */
  token: string;
  /** One key per payment attempt of an order: the provider charges it at most once. */
  idempotencyKey: string;
}

/**
 * What a provider answers to a charge. A decline is final for this card; a transient failure
 * means nothing was charged and the same request may be sent again later.
 */
export type ChargeResult = { outcome: 'captured'; chargeRef: string; amount: number } | { outcome: 'declined'; reason: string } | { outcome: 'transient-failure'; reason: string };

/** What the provider knows about a charge made with an idempotency key (see `findCharge`). */
export type FoundCharge =
  | { status: 'captured'; chargeRef: string; amount: number }
  | { status: 'declined'; chargeRef: string; reason: string }
  /** Still being processed by the provider; its webhook will settle it. */
  | { status: 'processing'; chargeRef: string };

export interface RefundRequest {
  /** The provider's reference of the captured charge (`ChargeResult.chargeRef`). */
  chargeRef: string;
  amount: number;
  idempotencyKey: string;
}

export interface RefundResult {
  refundRef: string;
  amount: number;
}

/** A provider's webhook, reduced to what the payments domain acts on. */
export interface WebhookEvent {
  /** The provider's event id: handlers dedupe on it (providers deliver at least once). */
  id: string;
  type: 'charge.captured' | 'charge.declined' | 'charge.refunded' | 'other';
  /** The provider's own event type, for logs. */
  providerType: string;
  chargeRef: string | null;
  /** Our idempotency key, echoed from the charge's metadata, to find the payment row. */
  idempotencyKey: string | null;
  amount: number | null;
}

export interface PaymentProvider {
  readonly name: 'simulated' | 'stripe';
  /**
   * Charges (authorizes and captures) at most once per idempotency key. It may also never
   * answer, or reject with `ChargeOutcomeUnknownError`: then the charge may or may not have
   * happened, and the caller asks `findCharge` instead of charging again.
   */
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /** The charge made with this idempotency key, or null if the provider has none. */
  findCharge(idempotencyKey: string): Promise<FoundCharge | null>;
  refund(request: RefundRequest): Promise<RefundResult>;
  /**
   * Verifies the signature over the exact bytes received and parses the event. Throws an
   * UNAUTHENTICATED GraphQLError when the signature does not match (or is too old).
   */
  parseWebhook(rawBody: string | Buffer, signatureHeader: string): WebhookEvent;
}

/**
 * The request left but no answer came back (connection dropped, socket timeout): the provider
 * may have charged. Callers must resolve it with `findCharge`, never by charging again.
 */
export class ChargeOutcomeUnknownError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChargeOutcomeUnknownError';
  }
}
