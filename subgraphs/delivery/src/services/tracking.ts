import type { Delivery } from '../entities/Delivery';

/**
 * The events of one `deliveryTracking` subscription: the delivery as it stands first (once there
 * is one: an order not paid yet has none, and the stream waits for it), then the delivery re-read
 * after each announcement, until the client leaves.
 *
 * A hand-written iterator rather than an async generator, as orders' `followOrder`: `return()`
 * ends `messages` at once, even while waiting for the next one.
 */
export function followDelivery(current: Delivery | null, messages: AsyncIterableIterator<unknown>, reload: () => Promise<Delivery | null>): AsyncIterableIterator<Delivery> {
  let first: Delivery | null = current;
  // Every change (status, location) sets updated_at: an announcement of a change already shown is skipped.
  let lastVersion = current?.updatedAt.getTime() ?? -Infinity;
  let done = false;
  const end = async (): Promise<IteratorResult<Delivery>> => {
    done = true;
    await messages.return?.();
    return { value: undefined, done: true };
  };
  return {
    async next(): Promise<IteratorResult<Delivery>> {
      if (done) return { value: undefined, done: true };
      if (first) {
        const value = first;
        first = null;
        return { value, done: false };
      }
      for (;;) {
        const message = await messages.next();
        if (message.done || done) return end();
        const delivery = await reload();
        if (!delivery || delivery.updatedAt.getTime() <= lastVersion) continue;
        lastVersion = delivery.updatedAt.getTime();
        return { value: delivery, done: false };
      }
    },
    return: end,
    async throw(error?: unknown) {
      await end();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
