import type { SupergraphError } from './errors.js';

/** Retries of queries (mutations are never retried: the first attempt may have taken effect). */
export interface RetryOptions {
  /** Attempts after the first one; 0 turns retrying off. Default 3. */
  retries?: number;
  /** Wait before the first retry; each next one waits twice as long, with jitter. Default 250 ms. */
  baseDelayMs?: number;
  /** The longest wait between two attempts. Default 5 s. */
  maxDelayMs?: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason instanceof Error ? signal.reason : new Error('Aborted'))), { once: true });
  });

/** Runs `attempt` until it succeeds, fails with an error that is not retryable, or the retries run out. */
export async function withRetries<T>(attempt: () => Promise<T>, { retries = 3, baseDelayMs = 250, maxDelayMs = 5_000 }: RetryOptions, signal?: AbortSignal): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= retries || !(error as Partial<SupergraphError>).retryable) throw error;
      // "Equal jitter": at least half the exponential delay, so retries spread out but never bunch up at 0.
      const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** n);
      await sleep(delay / 2 + Math.random() * (delay / 2), signal);
    }
  }
}
