/**
 * The events of one subscription to an entity (an order's status, a delivery's progress): the
 * entity as it stands first (once there is one: the stream may wait for it to exist), then the
 * entity re-read after each announcement on pub/sub that `changed` it, until the client leaves.
 *
 * Announcements only say "look again": subscribers re-read, so every event shows committed state,
 * and an announcement of a change already shown is skipped.
 *
 * A hand-written iterator rather than an async generator: a generator waiting for the next
 * message cannot be stopped until one arrives, so a client that left would keep its pub/sub
 * subscription until the entity changed again. Here `return()` ends `messages` at once.
 */
export function followEntity<T>(current: T | null, messages: AsyncIterableIterator<unknown>, reload: () => Promise<T | null>, changed: (next: T, last: T) => boolean): AsyncIterableIterator<T> {
  let pending: T | null = current;
  let last: T | null = current;
  let done = false;
  const end = async (): Promise<IteratorResult<T>> => {
    done = true;
    await messages.return?.();
    return { value: undefined, done: true };
  };
  return {
    async next(): Promise<IteratorResult<T>> {
      if (done) return { value: undefined, done: true };
      if (pending) {
        const value = pending;
        pending = null;
        return { value, done: false };
      }
      for (;;) {
        const message = await messages.next();
        if (message.done || done) return end();
        const entity = await reload();
        if (!entity || (last && !changed(entity, last))) continue;
        last = entity;
        return { value: entity, done: false };
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

/**
 * A stream that fails at once, for a subscription its subgraph refuses (not found, forbidden).
 * graphql-ws answers it with an `error` message (the operation failed, no event), which is how the
 * router tells a refused subscription from an event; an error thrown by `subscribe` itself would
 * go out as an event carrying only errors.
 */
export function refusedStream(error: unknown): AsyncIterableIterator<never> {
  return {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the subgraph's refusal (a coded GraphQLError) passed on as it came
    next: () => Promise.reject(error),
    return: async () => ({ value: undefined, done: true }),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
