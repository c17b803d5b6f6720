import Stripe from 'stripe';
import { conflict, unauthenticated } from '@supergraph/errors';
import { ChargeOutcomeUnknownError, type ChargeRequest, type ChargeResult, type FoundCharge, type PaymentProvider, type RefundRequest, type RefundResult, type WebhookEvent } from '../provider';

export interface StripeProviderOptions {
  /** `STRIPE_SECRET_KEY`. */
  secretKey: string;
  /** `STRIPE_WEBHOOK_SECRET` (`whsec_…`) of the webhook endpoint. */
  webhookSecret: string;
  /** Where the API is; only tests change these (a local stand-in on 127.0.0.1). */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  /** Socket timeout of one API call; a timed-out charge is then resolved by `findCharge`. */
  timeoutMs?: number;
}

/** The metadata key that carries our idempotency key on every PaymentIntent. */
const KEY_METADATA = 'idempotency_key';

/**
 * Stripe through its official SDK. A charge is one PaymentIntent, created and confirmed in one
 * call with our idempotency key (Stripe replays the first answer for 24 hours), capturing
 * automatically; its id is the `chargeRef`.
 */
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly stripe: Stripe;
  private readonly webhookSecret: string;

  constructor(options: StripeProviderOptions) {
    this.stripe = new Stripe(options.secretKey, {
      host: options.host,
      port: options.port,
      protocol: options.protocol,
      timeout: options.timeoutMs ?? 10_000,
      // The ChargeRunner owns retries and their backoff; two retry loops would multiply.
      maxNetworkRetries: 0,
      telemetry: false,
    });
    this.webhookSecret = options.webhookSecret;
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    try {
      const paymentMethod = await this.paymentMethodFor(request);
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: request.amount,
          currency: request.currency.toLowerCase(),
          payment_method: paymentMethod,
          confirm: true,
          // Server-side charges cannot follow a redirect (3-D Secure pages and the like).
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          metadata: { [KEY_METADATA]: request.idempotencyKey },
        },
        { idempotencyKey: request.idempotencyKey },
      );
      switch (intent.status) {
        case 'succeeded':
          return { outcome: 'captured', chargeRef: intent.id, amount: intent.amount_received };
        case 'processing':
          // Accepted but not settled: only the webhook (or findCharge later) will tell.
          throw new ChargeOutcomeUnknownError(`PaymentIntent ${intent.id} is still processing`);
        case 'requires_action':
          return { outcome: 'declined', reason: 'authentication_required' };
        default:
          return { outcome: 'declined', reason: intent.last_payment_error?.decline_code ?? intent.last_payment_error?.code ?? intent.status };
      }
    } catch (error) {
      return chargeError(error);
    }
  }

  async findCharge(idempotencyKey: string): Promise<FoundCharge | null> {
    // Search is indexed with a short delay: a charge made seconds ago may not show yet, and the
    // caller then treats the payment as unresolved until the webhook arrives.
    const found = await this.stripe.paymentIntents.search({
      query: `metadata['${KEY_METADATA}']:'${idempotencyKey.replace(/['\\]/g, '\\$&')}'`,
      limit: 1,
    });
    const intent = found.data[0];
    if (!intent) return null;
    if (intent.status === 'succeeded') return { status: 'captured', chargeRef: intent.id, amount: intent.amount_received };
    if (intent.status === 'canceled' || (intent.status === 'requires_payment_method' && intent.last_payment_error)) {
      return { status: 'declined', chargeRef: intent.id, reason: intent.last_payment_error?.decline_code ?? intent.last_payment_error?.code ?? intent.status };
    }
    return { status: 'processing', chargeRef: intent.id };
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    const refund = await this.stripe.refunds.create({ payment_intent: request.chargeRef, amount: request.amount }, { idempotencyKey: request.idempotencyKey });
    return { refundRef: refund.id, amount: refund.amount };
  }

  /** Checked by the SDK's own `constructEvent` (HMAC-SHA256 over the raw body, 5-minute tolerance). */
  parseWebhook(rawBody: string | Buffer, signatureHeader: string): WebhookEvent {
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signatureHeader, this.webhookSecret);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) throw unauthenticated('Webhook signature is not valid');
      throw error;
    }
    const base = { id: event.id, providerType: event.type };
    switch (event.type) {
      case 'payment_intent.succeeded':
      case 'payment_intent.payment_failed': {
        const intent = event.data.object;
        return {
          ...base,
          type: event.type === 'payment_intent.succeeded' ? 'charge.captured' : 'charge.declined',
          chargeRef: intent.id,
          idempotencyKey: intent.metadata?.[KEY_METADATA] ?? null,
          amount: event.type === 'payment_intent.succeeded' ? intent.amount_received : null,
        };
      }
      case 'charge.refunded': {
        const charge = event.data.object;
        const intent = typeof charge.payment_intent === 'string' ? charge.payment_intent : (charge.payment_intent?.id ?? null);
        return { ...base, type: 'charge.refunded', chargeRef: intent, idempotencyKey: null, amount: charge.amount_refunded };
      }
      default:
        return { ...base, type: 'other', chargeRef: null, idempotencyKey: null, amount: null };
    }
  }

  /**
   * Stripe.js gives clients PaymentMethod ids (`pm_…`), used as they are. Older card tokens
   * (`tok_…`) are turned into a PaymentMethod first, as Stripe documents; that call is idempotent
   * too, so a retried charge reuses the same PaymentMethod.
   */
  private async paymentMethodFor(request: ChargeRequest): Promise<string> {
    if (!request.token.startsWith('tok_')) return request.token;
    const method = await this.stripe.paymentMethods.create({ type: 'card', card: { token: request.token } }, { idempotencyKey: `${request.idempotencyKey}:payment-method` });
    return method.id;
  }
}

/** Sorts a failed charge call into the three answers (or the unknown outcome) of the interface. */
function chargeError(error: unknown): ChargeResult {
  if (error instanceof ChargeOutcomeUnknownError) throw error;
  if (error instanceof Stripe.errors.StripeCardError) {
    return { outcome: 'declined', reason: error.decline_code ?? error.code ?? 'card_declined' };
  }
  if (error instanceof Stripe.errors.StripeRateLimitError) return { outcome: 'transient-failure', reason: 'rate_limited' };
  // 5xx from Stripe: with the same idempotency key a retry cannot charge twice.
  if (error instanceof Stripe.errors.StripeAPIError) return { outcome: 'transient-failure', reason: error.code ?? 'api_error' };
  if (error instanceof Stripe.errors.StripeConnectionError) {
    // The request may have reached Stripe before the connection failed or timed out.
    throw new ChargeOutcomeUnknownError('No answer from Stripe', { cause: error });
  }
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    throw conflict('Idempotency key reused with different parameters', { provider: 'stripe' });
  }
  // Authentication, permission and invalid-request errors are configuration bugs: let them surface.
  throw error;
}
