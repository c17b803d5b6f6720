import { randomUUID } from 'node:crypto';
import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, eventually, graphql, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { Caller, localAddress, Peers, startDelivery } from './helpers';

/** Delivery answers every placed order with a quote by zone and weight, or a refusal; and prices carts on request. */
describe('shipping quotes', () => {
  let delivery: RunningSubgraph;
  let messaging: Messaging;
  let peers: Peers;
  let url: string;

  beforeAll(async () => {
    messaging = await testMessaging('delivery-quotes');
    ({ delivery, url } = await startDelivery({ messaging, databaseUrl: await testDatabaseUrl('delivery_quotes') }));
    peers = await Peers.start(messaging);
  });
  afterAll(async () => {
    await peers?.stop();
    await delivery?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  const answered = (orderId: string) =>
    eventually(async () => [...peers.emitted('delivery.shipping.quoted', orderId), ...peers.emitted('delivery.shipping.rejected', orderId)].length > 0, {
      message: 'an answer to the placed order',
    });

  it('quotes a placed order by its zone and started kilograms', async () => {
    const customer = randomUUID();
    const local = await peers.place(customer, localAddress(customer), 1500);
    const regional = await peers.place(customer, localAddress(customer, { postalCode: '10001', city: 'New York' }), 2500);
    const remote = await peers.place(customer, localAddress(customer, { postalCode: '99501', city: 'Anchorage' }), 30_000);
    for (const id of [local, regional, remote]) await answered(id);
    expect(peers.emitted('delivery.shipping.quoted', local).map((e) => e.payload)).toEqual([{ orderId: local, zone: 'LOCAL', cost: { amount: 299 + 2 * 50, currency: 'USD' } }]);
    expect(peers.emitted('delivery.shipping.quoted', regional)[0].payload).toMatchObject({ zone: 'REGIONAL', cost: { amount: 799 } });
    expect(peers.emitted('delivery.shipping.quoted', remote)[0].payload).toMatchObject({ zone: 'REMOTE', cost: { amount: 13499 } });
  });

  it('refuses an order outside every zone, or heavier than one parcel, naming why', async () => {
    const customer = randomUUID();
    const abroad = await peers.place(customer, localAddress(customer, { country: 'CA', postalCode: 'K1A 0B1' }));
    const military = await peers.place(customer, localAddress(customer, { postalCode: '09012' }));
    const heavy = await peers.place(customer, localAddress(customer), 30_001);
    for (const id of [abroad, military, heavy]) await answered(id);
    expect(peers.emitted('delivery.shipping.quoted', abroad)).toEqual([]);
    expect(peers.emitted('delivery.shipping.rejected', abroad)[0].payload.reason).toMatch(/do not deliver to K1A 0B1, CA/);
    expect(peers.emitted('delivery.shipping.rejected', military)[0].payload.reason).toMatch(/do not deliver/);
    expect(peers.emitted('delivery.shipping.rejected', heavy)[0].payload.reason).toMatch(/30001 g/);
  });

  it('answers a placed order once, however often it arrives', async () => {
    const customer = randomUUID();
    const orderId = randomUUID();
    const address = localAddress(customer);
    const placed = {
      orderId,
      customerId: customer,
      items: [{ productId: randomUUID(), quantity: 2 }],
      shipping: { addressId: address.addressId, line1: address.line1, city: address.city, postalCode: address.postalCode, country: address.country },
      weightGrams: 800,
    };
    const eventId = randomUUID();
    await peers.publish('orders.order.placed', placed, eventId);
    await peers.publish('orders.order.placed', placed, eventId); // redelivered
    await peers.publish('orders.order.placed', placed); // published twice by a retrying producer
    await answered(orderId);
    // Another order afterwards: once it is answered, the duplicates before it have been handled too.
    const later = await peers.place(customer);
    await answered(later);
    expect(peers.emitted('delivery.shipping.quoted', orderId)).toHaveLength(1);
    const rows = await delivery.database.dataSource.query('SELECT count(*)::int AS n FROM shipping_quote WHERE order_id = $1', [orderId]);
    expect(rows[0].n).toBe(1);
  });

  it('prices a zone for anyone, and a saved address for its owner only', async () => {
    const QUOTE = 'query($input: ShippingQuoteInput!) { shippingQuote(input: $input) { amount currency } }';
    const anonymous = await graphql(url, QUOTE, { input: { zone: 'NATIONAL', weightGrams: 1001 } });
    expect(anonymous.data.shippingQuote).toEqual({ amount: 799 + 2 * 150, currency: 'USD' });

    const owner = new Caller(delivery);
    const address = localAddress(owner.userId, { postalCode: '96813', city: 'Honolulu' });
    await peers.publish('users.address.upserted', address);
    await eventually(async () => (await delivery.database.dataSource.query('SELECT 1 FROM address WHERE id = $1', [address.addressId])).length === 1);
    expect((await owner.data(QUOTE, { input: { addressId: address.addressId, weightGrams: 500 } })).shippingQuote).toEqual({ amount: 1499 + 400, currency: 'USD' });

    // Someone else's address answers like an unknown one: nothing about it is revealed.
    const stranger = new Caller(delivery);
    for (const addressId of [address.addressId, randomUUID()]) {
      expect(await stranger.code(QUOTE, { input: { addressId, weightGrams: 500 } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.addressId' });
    }
    expect((await graphql(url, QUOTE, { input: { addressId: address.addressId, weightGrams: 500 } })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses bad input with BAD_USER_INPUT on the field at fault', async () => {
    const QUOTE = 'query($input: ShippingQuoteInput!) { shippingQuote(input: $input) { amount } }';
    const caller = new Caller(delivery);
    const abroad = localAddress(caller.userId, { country: 'FR', postalCode: '75001', city: 'Paris' });
    await peers.publish('users.address.upserted', abroad);
    await eventually(async () => (await delivery.database.dataSource.query('SELECT 1 FROM address WHERE id = $1', [abroad.addressId])).length === 1);
    const cases: [Record<string, unknown>, string][] = [
      [{ weightGrams: 100 }, 'input'],
      [{ zone: 'LOCAL', addressId: abroad.addressId, weightGrams: 100 }, 'input'],
      [{ zone: 'LOCAL', weightGrams: 0 }, 'input.weightGrams'],
      [{ zone: 'LOCAL', weightGrams: 30_001 }, 'input.weightGrams'],
      [{ zone: 'local', weightGrams: 100 }, 'input.zone'],
      [{ addressId: 'not-an-id', weightGrams: 100 }, 'input.addressId'],
      [{ addressId: abroad.addressId, weightGrams: 100 }, 'input.addressId'],
    ];
    for (const [input, field] of cases) {
      expect({ input, ...(await caller.code(QUOTE, { input })) }).toMatchObject({ input, code: 'BAD_USER_INPUT', field });
    }
  });
});
