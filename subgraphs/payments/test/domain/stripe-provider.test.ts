import { GraphQLError } from 'graphql';
import Stripe from 'stripe';
import { ChargeRunner } from '../../src/domain/charging';
import { StripeProvider } from '../../src/domain/providers/stripe';
import { manualClock } from './manual-clock';
import { startStripeStandIn, type StripeStandIn } from './stripe-stand-in';

const WEBHOOK_SECRET = 'whsec_test_payments';

let standIn: StripeStandIn;
let provider: StripeProvider;
/** The same, with a socket timeout short enough for the test of an answer that never comes. */
let impatient: StripeProvider;

beforeAll(async () => {
  standIn = await startStripeStandIn();
  const options = { secretKey: 'sk_test_stand_in', webhookSecret: WEBHOOK_SECRET, host: '127.0.0.1', port: standIn.port, protocol: 'http' as const };
  // A generous timeout for the answered calls: a loaded machine must not turn them into "no answer".
  provider = new StripeProvider({ ...options, timeoutMs: 10_000 });
  impatient = new StripeProvider({ ...options, timeoutMs: 1_000 });
});

afterAll(() => standIn.close());

const request = (token: string, idempotencyKey: string, amount = 3_250) => ({ amount, currency: 'USD', token, idempotencyKey });

describe('Stripe provider (against a local stand-in of the Stripe API)', () => {
  it('charges a card as a confirmed PaymentIntent and finds it again by idempotency key', async () => {
    const result = await provider.charge(request('tok_visa', 'stripe-charge-1'));
    expect(result).toEqual({ outcome: 'captured', chargeRef: expect.stringMatching(/^pi_/), amount: 3_250 });
    expect(await provider.findCharge('stripe-charge-1')).toEqual({ status: 'captured', chargeRef: (result as { chargeRef: string }).chargeRef, amount: 3_250 });
    expect(await provider.findCharge('stripe-never-charged')).toBeNull();
  });

  it('sends the same idempotency key again and gets the same PaymentIntent, created once', async () => {
    const before = standIn.created.paymentIntents;
    const first = await provider.charge(request('pm_card_visa', 'stripe-idempotent-1'));
    const second = await provider.charge(request('pm_card_visa', 'stripe-idempotent-1'));
    expect(second).toEqual(first);
    expect(standIn.created.paymentIntents - before).toBe(1);
  });

  it('answers a card decline as declined with the decline code', async () => {
    expect(await provider.charge(request('tok_chargeDeclined', 'stripe-declined-1'))).toEqual({ outcome: 'declined', reason: 'generic_decline' });
    expect(await provider.findCharge('stripe-declined-1')).toEqual({ status: 'declined', chargeRef: expect.stringMatching(/^pi_/), reason: 'generic_decline' });
  });

  it('refunds part of a PaymentIntent, idempotently', async () => {
    const charge = await provider.charge(request('tok_visa', 'stripe-refund-1', 10_000));
    const chargeRef = (charge as { chargeRef: string }).chargeRef;
    const before = standIn.created.refunds;
    const refund = await provider.refund({ chargeRef, amount: 2_500, idempotencyKey: 'stripe-refund-1-r1' });
    expect(refund).toEqual({ refundRef: expect.stringMatching(/^re_/), amount: 2_500 });
    expect(await provider.refund({ chargeRef, amount: 2_500, idempotencyKey: 'stripe-refund-1-r1' })).toEqual(refund);
    expect(standIn.created.refunds - before).toBe(1);
  });

  it('retries Stripe 500s with backoff under the same key and ends with one captured PaymentIntent', async () => {
    const before = standIn.created.paymentIntents;
    const runner = new ChargeRunner(provider, { clock: manualClock(), random: () => 0 });
    expect(await runner.charge(request('tok_transient', 'stripe-transient-1'))).toEqual({ outcome: 'captured', chargeRef: expect.stringMatching(/^pi_/), amount: 3_250, attempts: 3 });
    expect(standIn.created.paymentIntents - before).toBe(1);
  });

  it('resolves a charge whose answer never comes by searching for it, without a second PaymentIntent', async () => {
    const before = standIn.created.paymentIntents;
    const runner = new ChargeRunner(impatient, { clock: manualClock(), random: () => 0 });
    expect(await runner.charge(request('tok_timeout', 'stripe-timeout-1'))).toEqual({ outcome: 'captured', chargeRef: expect.stringMatching(/^pi_/), amount: 3_250, attempts: 1 });
    expect(standIn.created.paymentIntents - before).toBe(1);
    expect(standIn.requests.filter((line) => line === 'GET /v1/payment_intents/search').length).toBeGreaterThan(0);
  });

  describe('webhooks', () => {
    const payload = JSON.stringify({
      id: 'evt_test_1',
      object: 'event',
      type: 'payment_intent.succeeded',
      data: { object: { id: 'pi_123', object: 'payment_intent', amount: 3_250, amount_received: 3_250, metadata: { idempotency_key: 'stripe-webhook-1' } } },
    });
    const sign = (body: string, secret = WEBHOOK_SECRET) => Stripe.webhooks.generateTestHeaderString({ payload: body, secret });

    it('accepts a webhook with a valid signature and maps it to a captured charge', () => {
      expect(provider.parseWebhook(payload, sign(payload))).toEqual({
        id: 'evt_test_1',
        type: 'charge.captured',
        providerType: 'payment_intent.succeeded',
        chargeRef: 'pi_123',
        idempotencyKey: 'stripe-webhook-1',
        amount: 3_250,
      });
    });

    it('maps a refund webhook to the PaymentIntent it belongs to', () => {
      const body = JSON.stringify({
        id: 'evt_test_2',
        object: 'event',
        type: 'charge.refunded',
        data: { object: { id: 'ch_1', object: 'charge', payment_intent: 'pi_123', amount_refunded: 1_000 } },
      });
      expect(provider.parseWebhook(Buffer.from(body), sign(body))).toMatchObject({ type: 'charge.refunded', chargeRef: 'pi_123', amount: 1_000 });
    });

    it('refuses a webhook signed with another secret or altered after signing (UNAUTHENTICATED)', () => {
      const attempts: [string, string][] = [
        [payload, sign(payload, 'whsec_attacker')],
        [payload.replace('3250', '1'), sign(payload)],
        [payload, 't=1,v1=deadbeef'],
      ];
      for (const [body, header] of attempts) {
        let caught: unknown;
        try {
          provider.parseWebhook(body, header);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(GraphQLError);
        expect((caught as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
      }
    });
  });
});
