import type { BackupAlert } from '../entities/BackupAlert';
import type { AlertRaised } from '../events';

/**
 * The alerts announced on a channel, each read as committed (a vanished one is skipped). A
 * hand-written iterator, as the kit's `followEntity`: a generator waiting for the next message
 * could not be stopped until one arrives, while `return()` here ends the pub/sub subscription at once.
 */
export function alertFeed(messages: AsyncIterableIterator<AlertRaised>, load: (id: string) => Promise<BackupAlert | null>): AsyncIterableIterator<BackupAlert> {
  let done = false;
  const end = async (): Promise<IteratorResult<BackupAlert>> => {
    done = true;
    await messages.return?.();
    return { value: undefined, done: true };
  };
  return {
    async next(): Promise<IteratorResult<BackupAlert>> {
      while (!done) {
        const message = await messages.next();
        if (message.done || done) return end();
        const alert = await load(message.value.alertId);
        if (alert) return { value: alert, done: false };
      }
      return { value: undefined, done: true };
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
