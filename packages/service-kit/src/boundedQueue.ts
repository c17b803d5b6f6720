/**
 * A push-to-pull bridge with a bounded buffer: a producer {@link BoundedQueue.push}es values, one
 * consumer pulls them as an async iterator (`for await`). A consumer that falls more than `limit`
 * values behind loses the oldest ones, so a slow or stalled consumer costs at most `limit` values
 * of memory, never the process's.
 *
 * The consumer leaves with `return()` (what `break` in `for await` calls) or `throw()`: the queue
 * is emptied and `onReturn` runs once, where the producer detaches. The producer ends the stream
 * with {@link BoundedQueue.end}: what is queued is still delivered, then the iterator is done.
 *
 * Serves the router's subscription fan-out (one queue per client) and the subgraphs' pub/sub.
 */
export class BoundedQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private waiting?: (result: IteratorResult<T>) => void;
  /** No more values will be delivered once the buffer is drained. */
  private ended = false;
  private returned = false;
  private readonly limit: number;
  private readonly onReturn?: () => void;

  /**
   * @param limit most values held for a consumer that is behind (at least 1)
   * @param onReturn runs once, when the consumer leaves (`return()` or `throw()`)
   */
  constructor({ limit, onReturn }: { limit: number; onReturn?: () => void }) {
    if (!(limit >= 1)) throw new RangeError(`BoundedQueue limit must be at least 1, got ${limit}`);
    this.limit = limit;
    this.onReturn = onReturn;
  }

  /** Hands `value` to a waiting consumer, or buffers it (dropping the oldest past the limit). Ignored once ended. */
  push(value: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value, done: false });
      return;
    }
    this.buffer.push(value);
    if (this.buffer.length > this.limit) this.buffer.shift();
  }

  /** Ends the stream after what is queued, and `last` if given (not subject to dropping by later pushes). */
  end(last?: T): void {
    if (this.ended) return;
    if (last !== undefined) this.push(last);
    this.ended = true;
    if (this.waiting && this.buffer.length === 0) {
      this.waiting({ value: undefined, done: true });
      this.waiting = undefined;
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.ended = true;
    this.buffer.length = 0;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
    if (!this.returned) {
      this.returned = true;
      this.onReturn?.();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    void this.return();
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- AsyncIterator.throw() rejects with whatever it was given
    return Promise.reject(error);
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}
