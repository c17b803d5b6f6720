import type { Reading } from './reading';

/** At most one reading per metric this often, per subscriber. */
export const COALESCE_MS = 250;

interface MetricState {
  /** When the last reading of this metric was handed to the subscriber. */
  sentAt: number;
  /** The newest `at` offered so far: anything not newer is stale and dropped. */
  newestAt: number;
  /** The newest reading held back because one went out less than COALESCE_MS ago. */
  pending?: Reading;
  timer?: NodeJS.Timeout;
}

/**
 * One subscriber's stream of readings, coalesced: per metric, a reading goes out at once when the
 * last one went out at least COALESCE_MS ago (leading edge); otherwise it waits, replaced by any
 * newer one, until then (trailing edge). So a burst costs at most one update per metric every
 * COALESCE_MS, and the newest reading always arrives last. Readings not newer (by `at`) than one
 * already offered are dropped.
 *
 * `batches` is the pub/sub iterator of the device's channel (one message per ingested batch); it is
 * pulled as fast as it comes, so pub/sub never backs up behind a slow client. A hand-written
 * iterator (like `followEntity` of the kit): `return()` ends the pub/sub subscription at once.
 */
export function coalescedReadings(batches: AsyncIterableIterator<Reading[]>, accept: (metric: string) => boolean, intervalMs = COALESCE_MS): AsyncIterableIterator<Reading> {
  const metrics = new Map<string, MetricState>();
  /** Readings due to go out, at most one per metric (a newer one replaces it). */
  const ready = new Map<string, Reading>();
  let waiting: ((result: IteratorResult<Reading>) => void) | undefined;
  let done = false;

  const handOut = (reading: Reading): IteratorResult<Reading> => {
    metrics.get(reading.metric)!.sentAt = Date.now();
    return { value: reading, done: false };
  };
  const release = (reading: Reading) => {
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve(handOut(reading));
    } else {
      ready.delete(reading.metric);
      ready.set(reading.metric, reading);
    }
  };
  const flush = (state: MetricState) => {
    state.timer = undefined;
    const reading = state.pending;
    state.pending = undefined;
    if (reading && !done) release(reading);
  };
  const offer = (reading: Reading) => {
    if (!accept(reading.metric)) return;
    const at = reading.at.getTime();
    let state = metrics.get(reading.metric);
    if (!state) metrics.set(reading.metric, (state = { sentAt: -Infinity, newestAt: -Infinity }));
    if (at <= state.newestAt) return;
    state.newestAt = at;
    const due = state.sentAt + intervalMs;
    const now = Date.now();
    if (!state.timer && now >= due) return release(reading);
    state.pending = reading;
    state.timer ??= setTimeout(() => flush(state), Math.max(0, due - now));
  };
  const end = async (): Promise<IteratorResult<Reading>> => {
    done = true;
    for (const state of metrics.values()) clearTimeout(state.timer);
    ready.clear();
    waiting?.({ value: undefined, done: true });
    waiting = undefined;
    await batches.return?.();
    return { value: undefined, done: true };
  };

  void (async () => {
    for (;;) {
      const batch = await batches.next();
      if (done) return;
      if (batch.done) return void end();
      for (const reading of batch.value) offer({ ...reading, at: new Date(reading.at) });
    }
  })().catch(() => undefined);

  return {
    next(): Promise<IteratorResult<Reading>> {
      if (done) return Promise.resolve({ value: undefined, done: true });
      const first = ready.values().next();
      if (!first.done) {
        ready.delete(first.value.metric);
        return Promise.resolve(handOut(first.value));
      }
      return new Promise((resolve) => (waiting = resolve));
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
