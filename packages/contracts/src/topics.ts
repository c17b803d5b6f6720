import { z } from 'zod';

/** The services that emit or consume events (subgraph names, as in `SubgraphDefinition.name`). */
export type Service = 'users' | 'products' | 'orders' | 'payments' | 'delivery' | 'backups' | 'messaging';

/** One topic: who may emit it, who consumes it, and the schema of its payload. */
export interface TopicContract<TSchema extends z.ZodType = z.ZodType> {
  /** The only service that emits it (the kit refuses an emit from any other). */
  emittedBy: Service;
  /** The services that consume it (the kit refuses a consumer that is not listed). */
  consumedBy: readonly Service[];
  /** When it is emitted, in a sentence (goes into docs/events.md). */
  summary: string;
  payload: TSchema;
}

const contract = <TSchema extends z.ZodType>(topic: TopicContract<TSchema>) => topic;

/** Minor units (cents) and an ISO 4217 code, as everywhere in the API. */
const money = z.object({ amount: z.number().int().min(0), currency: z.string().regex(/^[A-Z]{3}$/) });

/** Where an order goes: a snapshot of the customer's address taken at checkout. */
const shippingAddress = z.object({
  addressId: z.uuid(),
  line1: z.string().min(1),
  city: z.string().min(1),
  postalCode: z.string().min(1),
  country: z.string().regex(/^[A-Z]{2}$/),
});

/** How the customer chose to pay at checkout (card token or credit line with a plan). */
const paymentChoice = z.discriminatedUnion('method', [
  z.object({ method: z.literal('CARD'), cardToken: z.string().min(1) }),
  z.object({ method: z.literal('CREDIT_LINE'), installments: z.union([z.literal(3), z.literal(6), z.literal(12)]) }),
]);

/** Every delivery move carries the same facts. */
const deliveryMove = z.object({
  deliveryId: z.uuid(),
  orderId: z.uuid(),
  customerId: z.string().min(1),
  courierId: z.string().min(1).nullable(),
  status: z.enum(['PENDING', 'ASSIGNED', 'PICKED_UP', 'IN_TRANSIT', 'DELIVERED', 'FAILED']),
  at: z.iso.datetime({ offset: true }),
  reason: z.string().optional(),
});

/**
 * Every topic of the platform. Producers emit through `runtime.emit`, which is typed by this map
 * and validates the payload before it enters the outbox; consumers receive payloads already
 * checked against it (a payload that does not match is dead-lettered, never handed over).
 *
 * Objects are not strict: a consumer ignores fields it does not know, so a producer may add an
 * optional field before its consumers read it. Removing or narrowing a field needs every consumer
 * to be ready first.
 */
export const topics = {
  /**
   * An order was placed (it is PENDING). Emitted by **orders** at checkout, in the transaction
   * that creates the order; consumed by **products**, which reserves every line or none and
   * answers with `products.stock.reserved` or `products.stock.rejected`.
   */
  'orders.order.placed': contract({
    emittedBy: 'orders',
    consumedBy: ['products', 'delivery'],
    summary:
      'An order was placed and is PENDING; products answers with `products.stock.reserved` or `products.stock.rejected`, delivery with `delivery.shipping.quoted` or `delivery.shipping.rejected`.',
    payload: z.object({
      orderId: z.uuid(),
      customerId: z.string().min(1),
      items: z.array(z.object({ productId: z.uuid(), quantity: z.number().int().positive() })).min(1),
      /** Where it goes (a snapshot: later edits of the address do not move the order). */
      shipping: shippingAddress,
      /** Total weight of the lines, from orders' read model of the catalogue. */
      weightGrams: z.number().int().positive(),
    }),
  }),
  /**
   * An order was cancelled, or rejected after products had reserved its stock. Emitted by
   * **orders**; consumed by **products**, which gives the order's reserved stock back (once).
   */
  'orders.order.cancelled': contract({
    emittedBy: 'orders',
    consumedBy: ['products', 'payments', 'delivery'],
    summary: 'An order was cancelled (or rejected after its stock was reserved): products gives its stock back, payments refunds what was captured, delivery drops a delivery not yet picked up.',
    payload: z.object({ orderId: z.uuid(), customerId: z.string().min(1) }),
  }),
  /**
   * A product's sellable facts changed (created, renamed, repriced). Emitted by **products**;
   * consumed by **orders**, which keeps a read model of the catalogue so that carts refuse
   * unknown products without calling products.
   */
  'products.product.upserted': contract({
    emittedBy: 'products',
    consumedBy: ['orders'],
    summary: 'A product was created, renamed or repriced; orders keeps a read model of the catalogue from it.',
    payload: z.object({ productId: z.uuid(), name: z.string().min(1), price: money, weightGrams: z.number().int().positive() }),
  }),
  /**
   * Stock was taken for every line of an order, at the prices of that moment. Emitted by
   * **products** in answer to `orders.order.placed`; consumed by **orders**, which fixes the
   * prices and confirms the order.
   */
  'products.stock.reserved': contract({
    emittedBy: 'products',
    consumedBy: ['orders'],
    summary: "Stock was taken for every line of an order at the moment's prices; orders confirms the order.",
    payload: z.object({
      orderId: z.uuid(),
      items: z.array(z.object({ productId: z.uuid(), quantity: z.number().int().positive(), unitPrice: money })),
    }),
  }),
  /**
   * Nothing was taken for an order (a line short of stock, or lines products could not read).
   * Emitted by **products**; consumed by **orders**, which rejects the order naming what was short.
   */
  'products.stock.rejected': contract({
    emittedBy: 'products',
    consumedBy: ['orders'],
    summary: 'Nothing was taken for an order; orders rejects it, naming the lines that were short.',
    payload: z.object({
      orderId: z.uuid(),
      reason: z.string(),
      items: z.array(z.object({ productId: z.uuid(), requested: z.number().int(), available: z.number().int() })),
    }),
  }),
  /**
   * A cancelled order's stock was given back. Emitted by **products** after
   * `orders.order.cancelled`; no consumer yet (payments and analytics will be).
   */
  'products.stock.released': contract({
    emittedBy: 'products',
    consumedBy: [],
    summary: "A cancelled order's reserved stock was given back.",
    payload: z.object({
      orderId: z.uuid(),
      items: z.array(z.object({ productId: z.uuid(), quantity: z.number().int().positive() })),
    }),
  }),
  /**
   * A user was registered or their name or roles changed. Emitted by **users**; consumed by
   * **delivery**, which keeps the roster of couriers (users with the role COURIER) it assigns.
   */
  'users.user.upserted': contract({
    emittedBy: 'users',
    consumedBy: ['delivery', 'messaging'],
    summary: 'A user was registered or their name or roles changed; delivery keeps its roster of couriers from it, messaging the users a room may hold.',
    payload: z.object({ userId: z.string().min(1), name: z.string().min(1), roles: z.array(z.string().min(1)) }),
  }),
  /**
   * An address was added or changed. Emitted by **users**; consumed by **orders**, which keeps a
   * read model so that checkout checks the address synchronously and snapshots it on the order.
   */
  'users.address.upserted': contract({
    emittedBy: 'users',
    consumedBy: ['orders', 'delivery'],
    summary: 'An address was added or changed; orders keeps a read model to check and snapshot it at checkout, delivery to quote by address.',
    payload: z.object({
      addressId: z.uuid(),
      userId: z.string().min(1),
      line1: z.string().min(1),
      city: z.string().min(1),
      postalCode: z.string().min(1),
      country: z.string().regex(/^[A-Z]{2}$/),
      isDefault: z.boolean(),
    }),
  }),
  /**
   * Stock and shipping are both settled and the order is CONFIRMED with its final total. Emitted by
   * **orders** with that status change; consumed by **payments**, which charges the total.
   */
  'orders.order.confirmed': contract({
    emittedBy: 'orders',
    consumedBy: ['payments'],
    summary: 'An order is CONFIRMED with its final total (lines, tax, shipping); payments charges it the way the customer chose (if they chose).',
    payload: z.object({
      orderId: z.uuid(),
      customerId: z.string().min(1),
      total: money,
      /** Null when the customer checked out without choosing how to pay: the order waits CONFIRMED. */
      payment: paymentChoice.nullable(),
    }),
  }),
  /**
   * Delivery priced the shipping of a placed order. Emitted by **delivery** in answer to
   * `orders.order.placed`; consumed by **orders**, which adds the cost to the total.
   */
  'delivery.shipping.quoted': contract({
    emittedBy: 'delivery',
    consumedBy: ['orders'],
    summary: "Delivery priced a placed order's shipping by zone and weight; orders adds it to the total.",
    payload: z.object({ orderId: z.uuid(), zone: z.string().min(1), cost: money }),
  }),
  /**
   * Delivery cannot ship a placed order (an address outside every zone, too heavy). Emitted by
   * **delivery**; consumed by **orders**, which rejects the order (and gives stock back).
   */
  'delivery.shipping.rejected': contract({
    emittedBy: 'delivery',
    consumedBy: ['orders'],
    summary: 'Delivery cannot ship a placed order; orders rejects it.',
    payload: z.object({ orderId: z.uuid(), reason: z.string().min(1) }),
  }),
  /**
   * An order's payment was captured. Emitted by **payments**; consumed by **orders** (PAID) and
   * **delivery** (creates the delivery and assigns a courier).
   */
  'payments.payment.captured': contract({
    emittedBy: 'payments',
    consumedBy: ['orders', 'delivery'],
    summary: "An order's payment was captured; orders marks it PAID and delivery assigns a courier.",
    payload: z.object({
      paymentId: z.uuid(),
      orderId: z.uuid(),
      customerId: z.string().min(1),
      amount: money,
      method: z.enum(['CARD', 'CREDIT_LINE']),
    }),
  }),
  /**
   * An order's payment failed for good (declined, not enough credit). Emitted by **payments**;
   * consumed by **orders** (PAYMENT_FAILED, and the stock is given back through the cancel path).
   */
  'payments.payment.failed': contract({
    emittedBy: 'payments',
    consumedBy: ['orders'],
    summary: "An order's payment failed for good; orders marks it PAYMENT_FAILED and gives its stock back.",
    payload: z.object({ paymentId: z.uuid(), orderId: z.uuid(), customerId: z.string().min(1), reason: z.string().min(1) }),
  }),
  /**
   * Money went back to the customer (a cancelled order, or an admin's partial refund). Emitted by
   * **payments**; consumed by **orders**, which marks the order REFUNDED when `fully` is true.
   */
  'payments.payment.refunded': contract({
    emittedBy: 'payments',
    consumedBy: ['orders', 'messaging'],
    summary: 'Money went back to the customer; orders marks the order REFUNDED once it is refunded in full, messaging tells the customer.',
    payload: z.object({
      paymentId: z.uuid(),
      refundId: z.uuid(),
      orderId: z.uuid(),
      customerId: z.string().min(1),
      amount: money,
      refundedTotal: money,
      fully: z.boolean(),
    }),
  }),
  /**
   * A customer's credit line changed (approved, used, repaid). Emitted by **payments**; consumed by
   * **orders**, so that checkout refuses a credit-line purchase beyond the available balance
   * before anything is charged (payments checks again, under a row lock, when it charges).
   */
  'payments.creditLine.updated': contract({
    emittedBy: 'payments',
    consumedBy: ['orders'],
    summary: "A customer's credit line changed; orders keeps its status and available balance for checkout's pre-check.",
    payload: z.object({
      creditLineId: z.uuid(),
      customerId: z.string().min(1),
      status: z.enum(['APPROVED', 'DECLINED', 'SUSPENDED']),
      limit: money,
      available: money,
    }),
  }),
  /** A courier was assigned to a delivery. Emitted by **delivery**; consumed by **messaging** (the customer's inbox). */
  'delivery.delivery.assigned': contract({
    emittedBy: 'delivery',
    consumedBy: ['messaging'],
    summary: 'A courier was assigned to a delivery.',
    payload: deliveryMove,
  }),
  /** The courier picked the parcel up. Emitted by **delivery**; consumed by **orders** (SHIPPED). */
  'delivery.delivery.pickedUp': contract({
    emittedBy: 'delivery',
    consumedBy: ['orders'],
    summary: 'The courier picked the parcel up; orders marks the order SHIPPED.',
    payload: deliveryMove,
  }),
  /** The parcel reached the customer. Emitted by **delivery**; consumed by **orders** (DELIVERED). */
  'delivery.delivery.delivered': contract({
    emittedBy: 'delivery',
    consumedBy: ['orders'],
    summary: 'The parcel reached the customer; orders marks the order DELIVERED.',
    payload: deliveryMove,
  }),
  /** The delivery failed (courier's report). Emitted by **delivery**; consumed by **messaging** (the customer's inbox). */
  'delivery.delivery.failed': contract({
    emittedBy: 'delivery',
    consumedBy: ['messaging'],
    summary: 'A delivery failed, with the reason the courier gave.',
    payload: deliveryMove,
  }),
  /**
   * An order moved from one status to another (`from` is null when it was placed). Emitted by
   * **orders** in the transaction of every status transition; consumed by **messaging**, which
   * puts it in the customer's notification inbox.
   */
  'orders.order.statusChanged': contract({
    emittedBy: 'orders',
    consumedBy: ['messaging'],
    summary: "An order's status changed (every transition, and PENDING when placed); messaging tells the customer.",
    payload: z.object({
      orderId: z.uuid(),
      customerId: z.string().min(1),
      from: z.enum(['PENDING', 'CONFIRMED', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REJECTED', 'PAYMENT_FAILED', 'REFUNDED']).nullable(),
      to: z.enum(['PENDING', 'CONFIRMED', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REJECTED', 'PAYMENT_FAILED', 'REFUNDED']),
      at: z.iso.datetime({ offset: true }),
      reason: z.string().optional(),
    }),
  }),
  /** An agent missed its backup window, or reported a failed job. Emitted by **backups** (the checker, or the failed report); consumed by **messaging** (it tells the owner). */
  'backups.alert.raised': contract({
    emittedBy: 'backups',
    consumedBy: ['messaging'],
    summary: 'An agent missed its backup window (or its backups fail): one open alert per agent and cause.',
    payload: z.object({
      alertId: z.string().uuid(),
      agentId: z.string().uuid(),
      ownerId: z.string().uuid(),
      hostname: z.string(),
      cause: z.enum(['MISSED_BACKUP', 'FAILED_BACKUP']),
      severity: z.enum(['WARNING', 'CRITICAL']),
      raisedAt: z.string(),
    }),
  }),
  /** The agent's next successful backup resolved an alert. Emitted by **backups**, in the transaction of the report; no consumer yet. */
  'backups.alert.resolved': contract({
    emittedBy: 'backups',
    consumedBy: [],
    summary: "An agent's successful backup resolved its open alert.",
    payload: z.object({ alertId: z.uuid(), agentId: z.uuid(), ownerId: z.uuid(), cause: z.enum(['MISSED_BACKUP', 'FAILED_BACKUP']), resolvedAt: z.iso.datetime({ offset: true }) }),
  }),
} as const satisfies Record<string, TopicContract>;

/** The name of a topic: `<service>.<entity>.<fact in the past tense>`. */
export type Topic = keyof typeof topics;

/** The payload of a topic, as producers must build it and consumers receive it. */
export type PayloadOf<T extends Topic> = z.infer<(typeof topics)[T]['payload']>;

/** Every topic name, in the order of `topics`. */
export const topicNames = Object.keys(topics) as Topic[];

export function isTopic(name: string): name is Topic {
  return Object.hasOwn(topics, name);
}
