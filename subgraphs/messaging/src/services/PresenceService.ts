import DataLoader from 'dataloader';
import type { Viewer } from '@supergraph/auth';
import { badUserInput, forbidden } from '@supergraph/errors';
import { BoundedQueue, isUuid } from '@supergraph/service-kit';
import { presenceChannel, type PresenceChanged } from '../events';
import type { Loaders } from '../loaders';
import type { PresenceHub } from '../presence/hub';
import type { PresenceView } from '../views';
import { canSeePresence, isAdmin, requireViewer } from './access';

const MAX_FOLLOWED = 100;

/** `User.presence`, `heartbeat` and `presenceChanged`, for one caller. */
export class PresenceService {
  /** N users' presence in one store round trip (Redis: one pipelined batch). */
  private readonly byUser: DataLoader<string, PresenceView>;

  constructor(
    private readonly hub: PresenceHub,
    private readonly loaders: Loaders,
    private readonly viewer: Viewer | null,
  ) {
    this.byUser = new DataLoader(async (userIds) => (await hub.read(userIds)).map((p) => ({ ...p, lastSeenAt: p.lastSeenAt === null ? null : new Date(p.lastSeenAt) })));
  }

  /** Null for a viewer who may not see it (shares no room with the user). */
  async of(userId: string): Promise<PresenceView | null> {
    return (await canSeePresence(this.loaders, this.viewer, userId)) ? this.byUser.load(userId) : null;
  }

  /** The caller is ONLINE or AWAY from this device for `heartbeatTtlMs`, unless they send it again. */
  async heartbeat(status: string): Promise<PresenceView> {
    const viewer = requireViewer(this.viewer);
    if (status !== 'ONLINE' && status !== 'AWAY') throw badUserInput('A heartbeat says ONLINE or AWAY', 'status');
    await this.hub.apply([{ userId: viewer.userId, source: 'heartbeat', status, expiresAt: Date.now() + this.hub.settings.heartbeatTtlMs }]);
    this.byUser.clear(viewer.userId);
    return this.byUser.load(viewer.userId);
  }

  /**
   * `presenceChanged(userIds)`: refused (FORBIDDEN) if any of them shares no room with the viewer,
   * rather than silently left out, so a client knows what it will not get; admins follow anyone.
   */
  async follow(userIds: readonly string[]): Promise<AsyncIterableIterator<PresenceView>> {
    const viewer = requireViewer(this.viewer);
    const ids = [...new Set(userIds)];
    if (ids.length < 1 || ids.length > MAX_FOLLOWED) throw badUserInput(`userIds holds 1 to ${MAX_FOLLOWED} users`, 'userIds');
    if (ids.some((id) => !isUuid(id))) throw badUserInput('userIds holds an id that is not a user id', 'userIds');
    if (!isAdmin(viewer)) {
      const visible = await Promise.all(ids.map((id) => canSeePresence(this.loaders, viewer, id)));
      if (visible.includes(false)) throw forbidden('Only the presence of people you share a room with can be followed', { userIds: ids.filter((_, i) => !visible[i]) });
    }
    const streams = ids.map((id) => this.hub.pubsub.subscribe<PresenceChanged>(presenceChannel(id), { bufferSize: 100 }));
    const out = new BoundedQueue<PresenceView>({ limit: 1000, onReturn: () => streams.forEach((s) => void s.return?.()) });
    for (const stream of streams) {
      void (async () => {
        for await (const p of stream) out.push({ userId: p.userId, status: p.status, lastSeenAt: p.lastSeenAt ? new Date(p.lastSeenAt) : null });
      })();
    }
    return out;
  }
}
