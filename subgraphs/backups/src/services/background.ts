import type { SubgraphRuntime } from '@supergraph/service-kit';
import type { BackupsSettings } from '../settings';
import { checkAgents } from './checker';
import { purgeExpiredJobs } from './retention';

/**
 * The checker and the retention purge, every `checkIntervalMs` and once at start (so agents late
 * while nothing ran are caught at once). A plain timer is enough: a pass is idempotent, several
 * instances take turns through the advisory lock, and a pass never overlaps the previous one.
 */
export function startBackgroundWork(runtime: SubgraphRuntime, settings: BackupsSettings): { stop(): Promise<void> } {
  if (!settings.checkIntervalMs) return { stop: async () => {} };
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      const checked = await checkAgents(runtime, new Date(), settings.checkBatchSize);
      if (checked.changed) runtime.logger.info('backup checker pass', { ...checked });
      const purged = await purgeExpiredJobs(runtime);
      if (purged) runtime.logger.info('expired backup jobs purged', { purged });
    })()
      .catch((error) => {
        if (runtime.dataSource.isInitialized) runtime.logger.warn('backup checker pass failed', { error: String(error) });
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, settings.checkIntervalMs);
  // Never what keeps a process alive.
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
