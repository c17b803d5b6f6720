import { randomUUID } from 'node:crypto';
import type { Role } from '@supergraph/auth';
import type { PayloadOf } from '@supergraph/contracts';
import { type DomainEvent, type Messaging, type PubSub, type RunningSubgraph, type Subscription } from '@supergraph/service-kit';
import { eventually, graphql, viewerHeaders, runTestSubgraph } from '@supergraph/testkit';
import { subgraph as ordersSubgraph } from '../src/server';

/** The orders subgraph on port 0, on the given database and messaging. */
export async function startOrders(options: { messaging: Messaging; databaseUrl?: string; dataDir?: string; relay?: boolean }): Promise<{ orders: RunningSubgraph; url: string }> {
  const orders = await runTestSubgraph(ordersSubgraph, { databaseUrl: options.databaseUrl, dataDir: options.dataDir, messaging: options.messaging, relay: options.relay });
  return { orders, url: `${orders.url}/graphql` };
}

export interface CatalogEntry {
  id: string;
  name: string;
  price: { amount: number; currency: string };
  weightGrams: number;
}

export type Answer = 'reserve' | 'reject' | 'hold';

type OrderPlaced = PayloadOf<'orders.order.placed'>;
type OrderCancelled = PayloadOf<'orders.order.cancelled'>;

/**
 * Plays the products subgraph on the real bus: it announces a catalogue (which orders keeps as a
 * read model), consumes `orders.order.placed` and `orders.order.cancelled`, and answers each
 * placed order with `products.stock.reserved` at its catalogue prices, or `products.stock.rejected`,
 * or not at all (`hold`) so that a test can answer itself.
 */
export class FakeProducts {
  readonly placed: DomainEvent<OrderPlaced>[] = [];
  readonly cancelled: DomainEvent<OrderCancelled>[] = [];
  readonly catalog = new Map<string, CatalogEntry>();
  answer: Answer = 'reserve';
  private subscription?: Subscription;

  private constructor(private readonly messaging: Messaging) {}

  static async start(messaging: Messaging): Promise<FakeProducts> {
    const products = new FakeProducts(messaging);
    products.subscription = await messaging.bus.consume({
      group: 'test-products',
      consumer: 'c1',
      topics: ['orders.order.placed', 'orders.order.cancelled'],
      handle: async (event) => {
        if (event.topic === 'orders.order.cancelled') {
          products.cancelled.push(event as DomainEvent<OrderCancelled>);
          return;
        }
        const placed = event as DomainEvent<OrderPlaced>;
        products.placed.push(placed);
        if (products.answer === 'reserve') await products.reserve(placed.payload.orderId);
        if (products.answer === 'reject') await products.reject(placed.payload.orderId);
      },
    });
    return products;
  }

  /** Announces products and waits until orders' read model knows them (carts accept them then). */
  async announce(orders: RunningSubgraph, entries: { name: string; amount: number; currency?: string; weightGrams?: number }[]): Promise<string[]> {
    const ids: string[] = [];
    for (const { name, amount, currency = 'USD', weightGrams = 500 } of entries) {
      const entry = { id: randomUUID(), name, price: { amount, currency }, weightGrams };
      this.catalog.set(entry.id, entry);
      ids.push(entry.id);
      await this.publish('products.product.upserted', { productId: entry.id, name, price: entry.price, weightGrams });
    }
    await eventually(
      async () => {
        const rows = await orders.database.dataSource.query('SELECT count(*)::int AS n FROM catalog_product WHERE product_id = ANY($1::uuid[])', [ids]);
        return rows[0].n === ids.length;
      },
      { message: 'orders to know the announced products' },
    );
    return ids;
  }

  placedFor(orderId: string) {
    return this.placed.filter((e) => e.payload.orderId === orderId);
  }

  cancelledFor(orderId: string) {
    return this.cancelled.filter((e) => e.payload.orderId === orderId);
  }

  /** The reserved answer for a placed order, at catalogue prices (overridable per product). */
  reservedAnswer(orderId: string, prices: Record<string, { amount: number; currency: string }> = {}): DomainEvent {
    const placed = this.placedFor(orderId)[0];
    if (!placed) throw new Error(`order ${orderId} was not placed`);
    const items = placed.payload.items.map((item) => ({ ...item, unitPrice: prices[item.productId] ?? this.catalog.get(item.productId)!.price }));
    return this.event('products.stock.reserved', { orderId, items });
  }

  reserve(orderId: string, prices?: Record<string, { amount: number; currency: string }>) {
    return this.messaging.bus.publish(this.reservedAnswer(orderId, prices));
  }

  /** Rejects as products does: nothing taken, every line short. */
  reject(orderId: string) {
    const placed = this.placedFor(orderId)[0];
    const items = placed.payload.items.map((item) => ({ productId: item.productId, requested: item.quantity, available: 0 }));
    return this.publish('products.stock.rejected', { orderId, reason: 'Not enough stock', items });
  }

  publish(topic: string, payload: unknown) {
    return this.messaging.bus.publish(this.event(topic, payload));
  }

  event(topic: string, payload: unknown): DomainEvent {
    return { id: randomUUID(), topic, occurredAt: new Date().toISOString(), payload };
  }

  async stop() {
    await this.subscription?.stop();
  }
}

function busEvent(topic: string, payload: unknown): DomainEvent {
  return { id: randomUUID(), topic, occurredAt: new Date().toISOString(), payload };
}

export type QuoteAnswer = 'quote' | 'reject' | 'hold';

type OrderConfirmed = PayloadOf<'orders.order.confirmed'>;

/**
 * Plays the delivery subgraph's part in placing an order: answers each `orders.order.placed` with
 * `delivery.shipping.quoted` (4.99 USD by default, zone US-1), or `delivery.shipping.rejected`,
 * or not at all (`hold`); and announces the moves of a delivery (picked up, delivered).
 */
export class FakeDelivery {
  readonly placed: DomainEvent<OrderPlaced>[] = [];
  answer: QuoteAnswer = 'quote';
  cost = { amount: 499, currency: 'USD' };
  private subscription?: Subscription;

  private constructor(private readonly messaging: Messaging) {}

  static async start(messaging: Messaging): Promise<FakeDelivery> {
    const delivery = new FakeDelivery(messaging);
    delivery.subscription = await messaging.bus.consume({
      group: 'test-delivery',
      consumer: 'c1',
      topics: ['orders.order.placed'],
      handle: async (event) => {
        const placed = event as DomainEvent<OrderPlaced>;
        delivery.placed.push(placed);
        if (delivery.answer === 'quote') await delivery.quote(placed.payload.orderId);
        if (delivery.answer === 'reject') await delivery.reject(placed.payload.orderId);
      },
    });
    return delivery;
  }

  placedFor(orderId: string) {
    return this.placed.filter((e) => e.payload.orderId === orderId);
  }

  quoteEvent(orderId: string, cost = this.cost) {
    return busEvent('delivery.shipping.quoted', { orderId, zone: 'US-1', cost });
  }

  quote(orderId: string, cost = this.cost) {
    return this.messaging.bus.publish(this.quoteEvent(orderId, cost));
  }

  reject(orderId: string, reason = 'No courier serves this address') {
    return this.messaging.bus.publish(busEvent('delivery.shipping.rejected', { orderId, reason }));
  }

  moveEvent(topic: 'delivery.delivery.pickedUp' | 'delivery.delivery.delivered', orderId: string, customerId: string) {
    const status = topic === 'delivery.delivery.pickedUp' ? 'PICKED_UP' : 'DELIVERED';
    return busEvent(topic, { deliveryId: randomUUID(), orderId, customerId, courierId: randomUUID(), status, at: new Date().toISOString() });
  }

  async stop() {
    await this.subscription?.stop();
  }
}

export type PaymentAnswer = 'capture' | 'fail' | 'hold';

/**
 * Plays payments: answers each `orders.order.confirmed` that carries a payment choice with
 * `payments.payment.captured` (or `failed`, or nothing: `hold`), ignores one without, and refunds a
 * cancelled order it captured, in full (`payments.payment.refunded { fully: true }`). Also
 * announces credit lines for checkout's read model.
 */
export class FakePayments {
  readonly confirmed: DomainEvent<OrderConfirmed>[] = [];
  readonly cancelled: DomainEvent<OrderCancelled>[] = [];
  answer: PaymentAnswer = 'capture';
  private readonly captured = new Map<string, { paymentId: string; amount: { amount: number; currency: string } }>();
  private subscription?: Subscription;

  private constructor(private readonly messaging: Messaging) {}

  static async start(messaging: Messaging): Promise<FakePayments> {
    const payments = new FakePayments(messaging);
    payments.subscription = await messaging.bus.consume({
      group: 'test-payments',
      consumer: 'c1',
      topics: ['orders.order.confirmed', 'orders.order.cancelled'],
      handle: async (event) => {
        if (event.topic === 'orders.order.cancelled') {
          const cancelled = event as DomainEvent<OrderCancelled>;
          payments.cancelled.push(cancelled);
          const payment = payments.captured.get(cancelled.payload.orderId);
          if (payment) await payments.publish(payments.refundEvent(cancelled.payload.orderId, cancelled.payload.customerId, payment.amount.amount, true));
          return;
        }
        const confirmed = event as DomainEvent<OrderConfirmed>;
        payments.confirmed.push(confirmed);
        if (!confirmed.payload.payment) return;
        if (payments.answer === 'capture') await payments.publish(payments.capturedEvent(confirmed.payload));
        if (payments.answer === 'fail') await payments.publish(payments.failedEvent(confirmed.payload));
      },
    });
    return payments;
  }

  confirmedFor(orderId: string) {
    return this.confirmed.filter((e) => e.payload.orderId === orderId);
  }

  cancelledFor(orderId: string) {
    return this.cancelled.filter((e) => e.payload.orderId === orderId);
  }

  capturedEvent(order: OrderConfirmed) {
    const paymentId = randomUUID();
    this.captured.set(order.orderId, { paymentId, amount: order.total });
    return busEvent('payments.payment.captured', { paymentId, orderId: order.orderId, customerId: order.customerId, amount: order.total, method: order.payment!.method });
  }

  failedEvent(order: OrderConfirmed, reason = 'Card declined') {
    return busEvent('payments.payment.failed', { paymentId: randomUUID(), orderId: order.orderId, customerId: order.customerId, reason });
  }

  refundEvent(orderId: string, customerId: string, amount: number, fully: boolean) {
    const payment = this.captured.get(orderId);
    const currency = payment?.amount.currency ?? 'USD';
    return busEvent('payments.payment.refunded', {
      paymentId: payment?.paymentId ?? randomUUID(),
      refundId: randomUUID(),
      orderId,
      customerId,
      amount: { amount, currency },
      refundedTotal: { amount, currency },
      fully,
    });
  }

  /** Announces a customer's credit line and waits until orders' read model has it. */
  async creditLine(orders: RunningSubgraph, customerId: string, status: 'APPROVED' | 'DECLINED' | 'SUSPENDED', available: number) {
    const limit = { amount: Math.max(available, 100_000), currency: 'USD' };
    await this.publish(busEvent('payments.creditLine.updated', { creditLineId: randomUUID(), customerId, status, limit, available: { amount: available, currency: 'USD' } }));
    await eventually(
      async () => (await orders.database.dataSource.query('SELECT 1 FROM credit_line_view WHERE customer_id = $1 AND status = $2 AND available = $3', [customerId, status, available])).length === 1,
      { message: "orders to know the customer's credit line" },
    );
  }

  publish(event: DomainEvent) {
    return this.messaging.bus.publish(event);
  }

  async stop() {
    await this.subscription?.stop();
  }
}

export interface TestAddress {
  addressId: string;
  userId: string;
  line1: string;
  city: string;
  postalCode: string;
  country: string;
  isDefault: boolean;
}

/**
 * Plays users' part: announces addresses (`users.address.upserted`) and waits until orders' read
 * model has them. Once started in a test file, every `Caller` that checks out without an address
 * gets a default one first, as a real customer would have added in users.
 */
export class FakeUsers {
  private readonly withAddress = new Map<string, TestAddress>();

  private constructor(
    private readonly messaging: Messaging,
    private readonly orders: RunningSubgraph,
  ) {}

  /** Makes it this test file's address book (see `Caller.checkout`). */
  static install(messaging: Messaging, orders: RunningSubgraph): FakeUsers {
    addressBook = new FakeUsers(messaging, orders);
    return addressBook;
  }

  async addAddress(userId: string, values: Partial<TestAddress> = {}): Promise<TestAddress> {
    const address: TestAddress = { addressId: randomUUID(), userId, line1: '1 Market Street', city: 'Springfield', postalCode: '12345', country: 'US', isDefault: true, ...values };
    await this.messaging.bus.publish(busEvent('users.address.upserted', address));
    await eventually(
      async () => (await this.orders.database.dataSource.query('SELECT 1 FROM customer_address WHERE address_id = $1 AND is_default = $2', [address.addressId, address.isDefault])).length === 1,
      { message: 'orders to know the address' },
    );
    if (!this.withAddress.has(userId)) this.withAddress.set(userId, address);
    return address;
  }

  /** The address a caller checks out to by default, announced on first use. */
  async defaultAddress(userId: string): Promise<TestAddress> {
    return this.withAddress.get(userId) ?? this.addAddress(userId);
  }
}

/** The FakeUsers of this test file (jest gives each file its own module registry). */
let addressBook: FakeUsers | null = null;

/** A customer (or admin, operator) calling the orders subgraph as the router would. */
export class Caller {
  readonly headers: Record<string, string>;
  constructor(
    readonly url: string,
    readonly userId: string = randomUUID(),
    readonly roles: Role[] = ['CUSTOMER'],
  ) {
    this.headers = viewerHeaders(userId, roles);
  }

  request<T = any>(query: string, variables: Record<string, unknown> = {}) {
    return graphql<T>(this.url, query, variables, viewerHeaders(this.userId, this.roles));
  }

  /** Like `request`, but fails the test on any error. */
  async data<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await this.request<T>(query, variables);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }

  async addToCart(productId: string, quantity = 1) {
    return this.data(ADD_TO_CART, { productId, quantity });
  }

  async checkout(idempotencyKey: string = `key-${randomUUID()}`, input: Record<string, unknown> = {}): Promise<{ id: string; status: string }> {
    await this.ensureAddress();
    return (await this.data(CHECKOUT, { input: { idempotencyKey, ...input } })).checkout;
  }

  /** Gives the caller a default address (see FakeUsers), so that a plain checkout has somewhere to ship to. */
  async ensureAddress(): Promise<TestAddress | null> {
    return addressBook ? addressBook.defaultAddress(this.userId) : null;
  }

  /** Fills the cart and checks out. */
  async placeOrder(lines: [productId: string, quantity: number][]) {
    for (const [productId, quantity] of lines) await this.addToCart(productId, quantity);
    return this.checkout();
  }

  async status(orderId: string): Promise<string | undefined> {
    return (await this.request(ORDER_STATUS, { id: orderId })).data?.order?.status;
  }

  /** Waits until the order reaches `status` (the answer travels through relay, bus and consumer). */
  awaitStatus(orderId: string, status: string) {
    return eventually(async () => (await this.status(orderId)) === status, { message: `order ${orderId} to be ${status}` });
  }
}

export const ADD_TO_CART = `#graphql
  mutation AddToCart($productId: ID!, $quantity: Int!) { addToCart(productId: $productId, quantity: $quantity) { itemCount items { quantity product { id } } } }`;

export const CHECKOUT = `#graphql
  mutation Checkout($input: CheckoutInput!) { checkout(input: $input) { id status } }`;

const ORDER_STATUS = `#graphql
  query OrderStatus($id: ID!) { order(id: $id) { status } }`;

export const ORDER_DETAILS = `#graphql
  query Order($id: ID!) {
    order(id: $id) {
      id status paymentMethod
      customer { id }
      shippingAddress { line1 city postalCode country }
      items { product { id } quantity unitPrice { amount currency } lineTotal { amount currency } }
      subtotal { amount currency } tax { amount currency } shippingCost { amount currency } total { amount currency }
      statusHistory { from to reason at }
      createdAt updatedAt
    }
  }`;

/**
 * Counts the pub/sub subscriptions that are open, to prove a subscription's is released when its
 * client leaves.
 */
export function countingPubSub(pubsub: PubSub): PubSub & { open: number } {
  const counter = {
    kind: pubsub.kind,
    open: 0,
    publish: <T>(channel: string, payload: T) => pubsub.publish(channel, payload),
    subscribe<T>(channel: string, options?: { bufferSize?: number }) {
      const iterator = pubsub.subscribe<T>(channel, options);
      counter.open++;
      let closed = false;
      const close = iterator.return!.bind(iterator);
      iterator.return = (value?: unknown) => {
        if (!closed) {
          closed = true;
          counter.open--;
        }
        return close(value);
      };
      return iterator;
    },
    close: () => pubsub.close(),
  };
  return counter;
}
