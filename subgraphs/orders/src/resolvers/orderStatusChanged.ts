import { notFound } from '@supergraph/errors';
import type { SubscriptionResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { Order } from '../entities/Order';
import { statusChannel } from '../events';
import { canRead } from '../services/OrderService';
import { requireCustomer } from '../services/CartService';
import { isUuid } from '../services/validation';

/**
 * Authorized once, when the subscription starts. The first event is the order as it stands (so a
 * client never misses a change that happened while it was subscribing); then one event per status
 * change, announced on pub/sub by whichever instance made it and re-read from the database, so
 * every event carries the order as committed.
 */
export const orderStatusChanged: NonNullable<SubscriptionResolvers['orderStatusChanged']> = {
  subscribe: async function* (_: unknown, { orderId }: { orderId: string }, { viewer, runtime, loaders }: Context) {
    // One context serves the whole subscription: loaders must not answer an event from an earlier one.
    const fresh = () => Object.values(loaders).forEach((loader) => loader.clearAll());
    requireCustomer(viewer);
    const load = () => (isUuid(orderId) ? runtime.dataSource.getRepository(Order).findOneBy({ id: orderId }) : Promise.resolve(null));
    const first = await load();
    if (!first || !canRead(viewer, first)) throw notFound('Order not found', { id: orderId });
    const events = runtime.pubsub.subscribe<{ orderId: string }>(statusChannel(orderId), { bufferSize: 100 });
    try {
      yield { orderStatusChanged: first };
      for await (const _event of events) {
        fresh();
        const order = await load();
        if (order) yield { orderStatusChanged: order };
      }
    } finally {
      await events.return?.();
    }
  } as never,
};
