import { z } from 'zod';

/** The services that emit or consume events (subgraph names, as in `SubgraphDefinition.name`). */
export type Service = 'users' | 'products' | 'orders';

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
    consumedBy: ['products'],
    summary: 'An order was placed and is PENDING; products answers with `products.stock.reserved` or `products.stock.rejected`.',
    payload: z.object({
      orderId: z.uuid(),
      customerId: z.string().min(1),
      items: z.array(z.object({ productId: z.uuid(), quantity: z.number().int().positive() })).min(1),
    }),
  }),
  /**
   * An order was cancelled, or rejected after products had reserved its stock. Emitted by
   * **orders**; consumed by **products**, which gives the order's reserved stock back (once).
   */
  'orders.order.cancelled': contract({
    emittedBy: 'orders',
    consumedBy: ['products'],
    summary: 'An order was cancelled (or rejected after its stock was reserved): products gives its stock back, once.',
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
    summary: "A product was created, renamed or repriced; orders keeps a read model of the catalogue from it.",
    payload: z.object({ productId: z.uuid(), name: z.string().min(1), price: money }),
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
