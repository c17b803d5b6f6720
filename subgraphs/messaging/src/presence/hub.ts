import type { SubgraphRuntime } from '@supergraph/service-kit';
import { presenceChannel, type PresenceChanged } from '../events';
import { MemoryPresenceStore } from './memoryStore';
import { RedisPresenceStore } from './redisStore';
import type { PresenceState, PresenceStore, SourceUpdate } from './store';

export interface PresenceSettings {
  /** How long a `heartbeat` keeps its status without another. */
  heartbeatTtlMs: number;
  /** How often lapsed sources are looked for: a lapse shows within this much of its expiry. */
  sweepMs: number;
}

/**
 * Presence of one messaging process: its store (Redis when the runtime runs on Redis, in-process
 * otherwise), the sweeper that turns lapsed connections and heartbeats into OFFLINE, and the
 * announcements of every change on pub/sub.
 */
export class PresenceHub {
  private static readonly hubs = new WeakMap<SubgraphRuntime, PresenceHub>();
  private readonly store: Promise<PresenceStore>;

  private constructor(
    private readonly runtime: SubgraphRuntime,
    readonly settings: PresenceSettings,
  ) {
    this.store = runtime.redis ? RedisPresenceStore.connect({ ...runtime.redis, logger: runtime.logger }) : Promise.resolve(new MemoryPresenceStore());
    // A failed connection surfaces at each use; this keeps it from being an unhandled rejection meanwhile.
    this.store.catch(() => undefined);
  }

  static of(runtime: SubgraphRuntime, settings: PresenceSettings): PresenceHub {
    let hub = PresenceHub.hubs.get(runtime);
    if (!hub) PresenceHub.hubs.set(runtime, (hub = new PresenceHub(runtime, settings)));
    return hub;
  }

  /** Where changes are announced (`presenceChannel`), for those who follow them. */
  get pubsub() {
    return this.runtime.pubsub;
  }

  async apply(updates: SourceUpdate[]): Promise<void> {
    if (!updates.length) return;
    await this.announce(await (await this.store).apply(updates, Date.now()));
  }

  async read(userIds: readonly string[]): Promise<PresenceState[]> {
    return (await this.store).read(userIds, Date.now());
  }

  /** The sweeper, as the definition's `background`: stops before the database closes, and closes the store. */
  start(): { stop(): Promise<void> } {
    let sweeping = Promise.resolve();
    const timer = setInterval(() => {
      sweeping = sweeping
        .then(async () => this.announce(await (await this.store).sweep(Date.now())))
        .catch((error: unknown) => this.runtime.logger.warn('presence sweep failed', { error: String(error) }));
    }, this.settings.sweepMs);
    return {
      stop: async () => {
        clearInterval(timer);
        await sweeping;
        // The hub stays registered: a request that comes in while the service closes must not open a second store.
        await (await this.store.catch(() => null))?.close();
      },
    };
  }

  private async announce(changes: PresenceState[]) {
    await Promise.all(
      changes.map((c) =>
        this.runtime.pubsub.publish<PresenceChanged>(presenceChannel(c.userId), {
          userId: c.userId,
          status: c.status,
          lastSeenAt: c.lastSeenAt === null ? null : new Date(c.lastSeenAt).toISOString(),
        }),
      ),
    );
  }
}
