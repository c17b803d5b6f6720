/** A live subscription: iterate it with `for await`; `unsubscribe()` (or `break`) ends it. */
export interface Subscription<T> extends AsyncIterableIterator<T> {
  unsubscribe(): void;
}

export interface Sink<T> {
  next(value: T): void;
  error(error: unknown): void;
  complete(): void;
}

/**
 * An async iterator over a push source: `start` gets a sink and returns what stops the source.
 * Values that arrive while nobody is waiting are queued in order; an error is thrown by the
 * `next()` after the queued values, and ends the iteration.
 */
export function iterate<T>(start: (sink: Sink<T>) => () => void): Subscription<T> {
  const queue: T[] = [];
  let ended = false;
  let failure: { error: unknown } | undefined;
  let waiter: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | undefined;

  const settle = () => {
    if (!waiter) return;
    const { resolve, reject } = waiter;
    if (queue.length) resolve({ value: queue.shift() as T, done: false });
    else if (failure) reject(take());
    else if (ended) resolve({ value: undefined, done: true });
    else return;
    waiter = undefined;
  };
  const take = () => {
    const { error } = failure!;
    failure = undefined;
    return error;
  };

  let stop: () => void = () => {};
  const finish = () => {
    if (ended) return;
    ended = true;
    stop();
  };
  stop = start({
    next: (value) => {
      if (ended) return;
      queue.push(value);
      settle();
    },
    error: (error) => {
      if (ended) return;
      failure = { error };
      finish();
      settle();
    },
    complete: () => {
      finish();
      settle();
    },
  });
  if (ended) stop();

  const subscription: Subscription<T> = {
    next: () =>
      new Promise<IteratorResult<T>>((resolve, reject) => {
        waiter = { resolve, reject };
        settle();
      }),
    return: async () => {
      finish();
      queue.length = 0;
      settle();
      return { value: undefined, done: true };
    },
    unsubscribe: () => void subscription.return?.(),
    [Symbol.asyncIterator]: () => subscription,
  };
  return subscription;
}
