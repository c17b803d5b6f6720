import { randomUUID } from 'node:crypto';
import type { Role } from '@supergraph/auth';
import type { PayloadOf, Topic } from '@supergraph/contracts';
import { type DomainEvent, type Messaging, type RunningSubgraph, type Subscription } from '@supergraph/service-kit';
import { eventually, graphql, viewerHeaders, runTestSubgraph } from '@supergraph/testkit';
import { subgraph } from '../src/server';

/** The delivery subgraph on port 0, on the given database and messaging. */
export async function startDelivery(options: { messaging: Messaging; databaseUrl?: string }): Promise<{ delivery: RunningSubgraph; url: string }> {
  const delivery = await runTestSubgraph(subgraph, { databaseUrl: options.databaseUrl, messaging: options.messaging });
  return { delivery, url: `${delivery.url}/graphql` };
}

/** A US address in the depot's area (LOCAL), as users announces it. */
export function localAddress(userId: string, overrides: Partial<PayloadOf<'users.address.upserted'>> = {}): PayloadOf<'users.address.upserted'> {
  return { addressId: randomUUID(), userId, line1: '1 State St', city: 'Schenectady', postalCode: '12345', country: 'US', isDefault: true, ...overrides };
}

const DELIVERY_TOPICS: Topic[] = [
  'delivery.shipping.quoted',
  'delivery.shipping.rejected',
  'delivery.delivery.assigned',
  'delivery.delivery.pickedUp',
  'delivery.delivery.delivered',
  'delivery.delivery.failed',
];

/**
 * Plays users, orders and payments on the real bus: publishes the events delivery consumes and
 * collects every event delivery emits.
 */
export class Peers {
  readonly received: DomainEvent<any>[] = [];
  private subscription?: Subscription;

  private constructor(private readonly messaging: Messaging) {}

  static async start(messaging: Messaging): Promise<Peers> {
    const peers = new Peers(messaging);
    peers.subscription = await messaging.bus.consume({
      group: 'test-peers',
      consumer: 'c1',
      topics: DELIVERY_TOPICS,
      handle: async (event) => void peers.received.push(event),
    });
    return peers;
  }

  event<T extends Topic>(topic: T, payload: PayloadOf<T>, id: string = randomUUID()): DomainEvent {
    return { id, topic, occurredAt: new Date().toISOString(), payload };
  }

  publish<T extends Topic>(topic: T, payload: PayloadOf<T>, id?: string) {
    return this.messaging.bus.publish(this.event(topic, payload, id));
  }

  /** What delivery emitted on `topic` about `orderId`. */
  emitted(topic: Topic, orderId: string) {
    return this.received.filter((e) => e.topic === topic && e.payload.orderId === orderId);
  }

  /** A courier (user with role COURIER) joins the roster; waits until delivery knows them. */
  async courier(delivery: RunningSubgraph, name = 'Courier', userId: string = randomUUID()): Promise<Caller> {
    await this.publish('users.user.upserted', { userId, name, roles: ['COURIER'] });
    await eventually(async () => (await delivery.database.dataSource.query('SELECT 1 FROM courier WHERE user_id = $1 AND active', [userId])).length === 1, {
      message: 'the courier on the roster',
    });
    return new Caller(delivery, userId, ['COURIER']);
  }

  /** An order placed to `address` and weighing `weightGrams`, as orders announces it. */
  async place(customerId: string, address = localAddress(customerId), weightGrams = 1500) {
    const orderId = randomUUID();
    await this.publish('orders.order.placed', {
      orderId,
      customerId,
      items: [{ productId: randomUUID(), quantity: 1 }],
      shipping: { addressId: address.addressId, line1: address.line1, city: address.city, postalCode: address.postalCode, country: address.country },
      weightGrams,
    });
    return orderId;
  }

  /** Placed, quoted, then paid: resolves once delivery answered the placed order. */
  async paidOrder(customerId: string, address = localAddress(customerId)) {
    const orderId = await this.place(customerId, address);
    await eventually(async () => this.emitted('delivery.shipping.quoted', orderId).length === 1, { message: 'the quote' });
    await this.capture(orderId, customerId);
    return orderId;
  }

  capture(orderId: string, customerId: string, id?: string) {
    return this.publish('payments.payment.captured', { paymentId: randomUUID(), orderId, customerId, amount: { amount: 1000, currency: 'USD' }, method: 'CARD' }, id);
  }

  async stop() {
    await this.subscription?.stop();
  }
}

/** Someone calling the delivery subgraph as the router would. */
export class Caller {
  readonly url: string;
  constructor(
    readonly delivery: RunningSubgraph,
    readonly userId: string = randomUUID(),
    readonly roles: Role[] = ['CUSTOMER'],
  ) {
    this.url = `${delivery.url}/graphql`;
  }

  request<T = any>(query: string, variables: Record<string, unknown> = {}) {
    return graphql<T>(this.url, query, variables, viewerHeaders(this.userId, this.roles));
  }

  /** Like `request`, but fails the test on any error. */
  async data<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await this.request<T>(query, variables);
    if (res.errors) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }

  /** The error code of a call expected to fail. */
  async code(query: string, variables: Record<string, unknown> = {}) {
    const res = await this.request(query, variables);
    return { code: res.errors?.[0]?.extensions?.code as string | undefined, field: res.errors?.[0]?.extensions?.field as string | undefined, data: res.data };
  }
}

export const DELIVERY_FIELDS = 'id status courier { id } eta deliveredAt proofOfDelivery failureReason trackingPoints { lat lng at } order { id }';

/** An order's delivery as its reader sees it, through the Order entity (as the router asks). */
export async function deliveryOf(caller: Caller, orderId: string) {
  const res = await caller.data(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Order { delivery { ${DELIVERY_FIELDS} } } } }`, {
    reps: [{ __typename: 'Order', id: orderId }],
  });
  return res._entities[0].delivery;
}

/** The delivery of an order, straight from the database (for waiting on events). */
export async function deliveryRow(delivery: RunningSubgraph, orderId: string) {
  const rows = await delivery.database.dataSource.query('SELECT id, status, courier_id FROM delivery WHERE order_id = $1', [orderId]);
  return rows[0] as { id: string; status: string; courier_id: string | null } | undefined;
}
