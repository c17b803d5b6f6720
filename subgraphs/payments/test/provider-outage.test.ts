import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { FakeOrders, sqlOf, startPayments } from './helpers';

/**
 * A provider that keeps failing opens the breaker: payments then wait PENDING with a next attempt
 * time (counted in /metrics) instead of failing their orders. The provider is the real Stripe SDK
 * against a local stand-in on 127.0.0.1 that answers every call with a 500.
 */
describe('provider outage', () => {
  let payments: RunningSubgraph;
  let messaging: Messaging;
  let orders: FakeOrders;
  let stripe: Server;
  const intentCalls: string[] = [];
  const sql = sqlOf(() => payments);

  beforeAll(async () => {
    stripe = createServer((req, res) => {
      if (req.url?.startsWith('/v1/payment_intents')) intentCalls.push(req.url);
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'api_error', message: 'Stand-in outage' } }));
    }).listen(0, '127.0.0.1');
    await once(stripe, 'listening');
    messaging = await testMessaging('payments-outage');
    ({ payments } = await startPayments({
      messaging,
      databaseUrl: await testDatabaseUrl('payments_outage'),
      env: {
        PAYMENTS_PROVIDER: 'stripe',
        STRIPE_SECRET_KEY: 'sk_test_stand_in',
        STRIPE_WEBHOOK_SECRET: 'whsec_stand_in',
        STRIPE_API_HOST: '127.0.0.1',
        STRIPE_API_PORT: String((stripe.address() as AddressInfo).port),
        STRIPE_API_PROTOCOL: 'http',
      },
    }));
    orders = await FakeOrders.start(messaging);
  });
  afterAll(async () => {
    await orders?.stop();
    await payments?.close();
    await messaging?.close();
    stripe?.close();
    await cleanupTestResources();
  });

  it('leaves payments PENDING with a next attempt while the breaker is open, failing no order', async () => {
    const confirmed = [];
    for (let i = 0; i < 3; i++) confirmed.push(await orders.confirm({ method: 'CARD', cardToken: 'pm_card_visa' }, 1_000 + i));
    const ids = confirmed.map((c) => c.orderId);
    // Every payment has had its round: the first used its 4 attempts, the second opened the
    // breaker at the 5th consecutive failure, the third never reached the provider.
    await eventually(async () => (await sql(`SELECT 1 FROM payment WHERE order_id = ANY($1::uuid[]) AND attempts = 1 AND next_attempt_at > now()`, [ids])).length === 3, {
      message: 'three payments deferred',
    });
    expect(intentCalls).toHaveLength(5);
    expect((await sql('SELECT DISTINCT status FROM payment WHERE order_id = ANY($1::uuid[])', [ids])).map((r) => r.status)).toEqual(['PENDING']);
    expect(orders.received.filter((e) => ids.includes(e.payload.orderId))).toEqual([]);

    const metrics = await (await fetch(`${payments.url}/metrics`)).text();
    expect(metrics).toMatch(/payments_charge_deferred_total\{reason="breaker-open"[^}]*\} 2/);
    expect(metrics).toMatch(/payments_charge_deferred_total\{reason="transient"[^}]*\} 1/);
  });
});
