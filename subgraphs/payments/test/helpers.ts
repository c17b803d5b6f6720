import { randomUUID } from 'node:crypto';
import type { Role } from '@supergraph/auth';
import type { PayloadOf, Topic } from '@supergraph/contracts';
import { type DomainEvent, type Messaging, type RunningSubgraph, type Subscription } from '@supergraph/service-kit';
import { eventually, graphql, viewerHeaders, runTestSubgraph } from '@supergraph/testkit';
import { subgraph as paymentsSubgraph } from '../src/server';

/** The payments subgraph on port 0, with the worker polling fast and short provider timeouts. */
export async function startPayments(options: { messaging: Messaging; databaseUrl?: string; env?: Record<string, string>; seed?: boolean }): Promise<{ payments: RunningSubgraph; url: string }> {
  const payments = await runTestSubgraph(paymentsSubgraph, {
    databaseUrl: options.databaseUrl,
    messaging: options.messaging,
    seed: options.seed,
    env: { PAYMENTS_WORKER_INTERVAL_MS: '100', PAYMENTS_CHARGE_TIMEOUT_MS: '500', ...options.env },
  });
  return { payments, url: `${payments.url}/graphql` };
}

type PaymentTopic = 'payments.payment.captured' | 'payments.payment.failed' | 'payments.payment.refunded' | 'payments.creditLine.updated';
const PAYMENT_TOPICS: PaymentTopic[] = ['payments.payment.captured', 'payments.payment.failed', 'payments.payment.refunded', 'payments.creditLine.updated'];

/**
 * Plays the orders subgraph on the real bus: publishes confirmed and cancelled orders, and keeps
 * every event payments emits, as orders (and delivery) would receive them.
 */
export class FakeOrders {
  readonly received: DomainEvent<any>[] = [];
  private subscription?: Subscription;

  private constructor(private readonly messaging: Messaging) {}

  static async start(messaging: Messaging): Promise<FakeOrders> {
    const orders = new FakeOrders(messaging);
    orders.subscription = await messaging.bus.consume({
      group: 'test-orders',
      consumer: 'c1',
      topics: PAYMENT_TOPICS,
      handle: async (event) => {
        orders.received.push(event);
      },
    });
    return orders;
  }

  publish<T extends Topic>(topic: T, payload: PayloadOf<T>, id: string = randomUUID()) {
    return this.messaging.bus.publish({ id, topic, occurredAt: new Date().toISOString(), payload });
  }

  /** `orders.order.confirmed` for a new order; returns its ids. */
  async confirm(payment: PayloadOf<'orders.order.confirmed'>['payment'], amount = 10_000, customerId: string = randomUUID()) {
    const orderId = randomUUID();
    const eventId = randomUUID();
    await this.publish('orders.order.confirmed', { orderId, customerId, total: { amount, currency: 'USD' }, payment }, eventId);
    return { orderId, customerId, eventId };
  }

  cancel(orderId: string, customerId: string) {
    return this.publish('orders.order.cancelled', { orderId, customerId });
  }

  of<T extends PaymentTopic>(topic: T, orderId?: string): PayloadOf<T>[] {
    return this.received.filter((event) => event.topic === topic && (orderId === undefined || event.payload.orderId === orderId)).map((event) => event.payload as PayloadOf<T>);
  }

  /** Waits for the first event of `topic` about the order. */
  awaitEvent<T extends 'payments.payment.captured' | 'payments.payment.failed' | 'payments.payment.refunded'>(topic: T, orderId: string) {
    return eventually(async () => this.of(topic, orderId)[0], { message: `${topic} for ${orderId}` });
  }

  async stop() {
    await this.subscription?.stop();
  }
}

/** Someone calling the payments subgraph as the router would. */
export class Caller {
  constructor(
    readonly url: string,
    readonly userId: string = randomUUID(),
    readonly roles: Role[] = ['CUSTOMER'],
  ) {}

  request<T = any>(query: string, variables: Record<string, unknown> = {}) {
    return graphql<T>(this.url, query, variables, viewerHeaders(this.userId, this.roles));
  }

  async data<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await this.request<T>(query, variables);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }

  /** `Order.payment`, as the router asks for it. */
  async paymentOf(orderId: string) {
    return (await this.data(ORDER_PAYMENT, { reps: [{ __typename: 'Order', id: orderId }] }))._entities[0].payment;
  }
}

export const PAYMENT_FIELDS = `id status method amount { amount currency } provider reference failureReason order { id }
  refunds { id amount { amount currency } reason createdAt } createdAt`;

export const ORDER_PAYMENT = `#graphql
  query OrderPayment($reps: [_Any!]!) { _entities(representations: $reps) { ... on Order { payment { ${PAYMENT_FIELDS} } } } }`;

export const PAYMENT = `#graphql
  query Payment($id: ID!) { payment(id: $id) { ${PAYMENT_FIELDS} } }`;

export const REFUND = `#graphql
  mutation Refund($paymentId: ID!, $amount: Int!, $reason: String) {
    refundPayment(paymentId: $paymentId, amount: $amount, reason: $reason) { ${PAYMENT_FIELDS} }
  }`;

/** Rows of the subgraph's database. */
export const sqlOf =
  (running: () => RunningSubgraph) =>
  <T = any>(query: string, params: unknown[] = []): Promise<T[]> =>
    running().database.dataSource.query(query, params);
