import type { Order } from '../entities/Order';

/**
 * The events of one `orderStatusChanged` subscription: `current` first, then the order re-read
 * after each announcement, until the client leaves.
 *
 * A hand-written iterator rather than an async generator: a generator waiting for the next
 * message cannot be stopped until one arrives, so a client that left would keep its pub/sub
 * subscription until the order changed again. Here `return()` ends `messages` at once.
 */
export function followOrder(current: Order, messages: AsyncIterableIterator<unknown>, reload: () => Promise<Order | null>): AsyncIterableIterator<Order> {
  let first: Order | null = current;
  let lastStatus = current.status;
  let done = false;
  const end = async (): Promise<IteratorResult<Order>> => {
    done = true;
    await messages.return?.();
    return { value: undefined, done: true };
  };
  return {
    async next(): Promise<IteratorResult<Order>> {
      if (done) return { value: undefined, done: true };
      if (first) {
        const value = first;
        first = null;
        return { value, done: false };
      }
      for (;;) {
        const message = await messages.next();
        if (message.done || done) return end();
        const order = await reload();
        // Statuses never repeat (the state machine has no cycles): the same status is a repeated
        // announcement, or a change the first event already showed.
        if (!order || order.status === lastStatus) continue;
        lastStatus = order.status;
        return { value: order, done: false };
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
