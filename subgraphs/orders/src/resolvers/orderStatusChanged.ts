import { notFound } from '@supergraph/errors';
import type { SubscriptionResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { Order } from '../entities/Order';
import { statusChannel } from '../events';
import { canRead } from '../services/OrderService';
import { requireCustomer } from '../services/CartService';
import { isUuid } from '../services/validation';

/**
 * Authorized once, when the subscription starts; then each status change (announced on pub/sub by
 * whichever instance made it) is re-read from the database, so every event carries the order as
 * committed.
 */
export const orderStatusChanged: NonNullable<SubscriptionResolvers['orderStatusChanged']> = {
  subscribe: async function* (_: unknown, { orderId }: { orderId: string }, { viewer, runtime }: Context) {
    requireCustomer(viewer);
    const load = () => (isUuid(orderId) ? runtime.dataSource.getRepository(Order).findOneBy({ id: orderId }) : Promise.resolve(null));
    const first = await load();
    if (!first || !canRead(viewer, first)) throw notFound('Order not found', { id: orderId });
    const events = runtime.pubsub.subscribe<{ orderId: string }>(statusChannel(orderId), { bufferSize: 100 });
    try {
      for await (const _event of events) {
        const order = await load();
        if (order) yield { orderStatusChanged: order };
      }
    } finally {
      await events.return?.();
    }
  } as never,
};
