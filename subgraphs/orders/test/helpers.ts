import { randomUUID } from 'node:crypto';
import type { Role } from '@supergraph/auth';
import type { PayloadOf } from '@supergraph/contracts';
import { runSubgraph, type DomainEvent, type Messaging, type PubSub, type RunningSubgraph, type Subscription } from '@supergraph/service-kit';
import { eventually, graphql, testLogger, TEST_IDENTITY_SECRET, TEST_JWT_SECRET, viewerHeaders } from '@supergraph/testkit';
import { subgraph as ordersSubgraph } from '../src/server';

/** The orders subgraph on port 0, on the given database and messaging. */
export async function startOrders(options: { messaging: Messaging; databaseUrl?: string; dataDir?: string; relay?: boolean }): Promise<{ orders: RunningSubgraph; url: string }> {
  const orders = await runSubgraph(ordersSubgraph, {
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    messaging: options.messaging,
    identitySecret: TEST_IDENTITY_SECRET,
    jwtSecret: TEST_JWT_SECRET,
    logger: testLogger,
    relay: options.relay,
    relayPollIntervalMs: 50,
  });
  return { orders, url: `${orders.url}/graphql` };
}

export interface CatalogEntry {
  id: string;
  name: string;
  price: { amount: number; currency: string };
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
  async announce(orders: RunningSubgraph, entries: { name: string; amount: number; currency?: string }[]): Promise<string[]> {
    const ids: string[] = [];
    for (const { name, amount, currency = 'USD' } of entries) {
      const entry = { id: randomUUID(), name, price: { amount, currency } };
      this.catalog.set(entry.id, entry);
      ids.push(entry.id);
      await this.publish('products.product.upserted', { productId: entry.id, name, price: entry.price });
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

/** A customer (or admin, operator) calling the orders subgraph as the router would. */
export class Caller {
  readonly headers: Record<string, string>;
  constructor(readonly url: string, readonly userId: string = randomUUID(), readonly roles: Role[] = ['CUSTOMER']) {
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
    return (await this.data(CHECKOUT, { input: { idempotencyKey, ...input } })).checkout;
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
