import { inTransaction, type SubgraphRuntime } from '@supergraph/service-kit';
import { announce, assignWaiting } from './moves';

/**
 * A safety net: waiting deliveries are assigned when a courier frees up (a delivery closes, a
 * courier joins), but a lost wake-up (a crash between commit and the pass) would leave them
 * PENDING, so every instance also sweeps this often. Safe with several instances: the pass locks
 * what it takes (moves.ts, `assignWaiting`).
 */
export const SWEEP_INTERVAL_MS = 30_000;

export interface Sweeper {
  /** Runs an assignment pass soon, in its own transaction; calls while one is due are folded into it. */
  wake(): void;
  /** Stops the timer and waits for a pass under way (the kit's `background` hook, before the database closes). */
  stop(): Promise<void>;
}

const sweepers = new WeakMap<SubgraphRuntime, Sweeper>();

/** The runtime's sweeper, made (with its timer) on first use. */
export function sweeperOf(runtime: SubgraphRuntime): Sweeper {
  let sweeper = sweepers.get(runtime);
  if (sweeper) return sweeper;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const pass = async () => {
    if (stopped) return;
    const assigned = await inTransaction(runtime.dataSource, (manager) => assignWaiting(runtime, manager));
    if (assigned.length) runtime.eventsCommitted();
    for (const delivery of assigned) announce(runtime, delivery);
  };
  const wake = () => {
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .catch((error) => {
        if (runtime.dataSource.isInitialized) runtime.logger.warn('assignment pass failed', { error: String(error) });
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          wake();
        }
      });
  };
  const timer = setInterval(wake, SWEEP_INTERVAL_MS);
  // Never what keeps a process alive.
  timer.unref();
  const stop = async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
  sweeper = { wake, stop };
  sweepers.set(runtime, sweeper);
  return sweeper;
}
