import { statusOf, type PresenceState, type PresenceStore, type SourceUpdate } from './store';

interface UserPresence {
  sources: Map<string, { status: string; expiresAt: number }>;
  /** The status last reported, so that each change is reported once. */
  reported: PresenceState['status'];
  lastSeenAt: number | null;
}

/** Presence in this process (the embedded default: one instance of messaging). */
export class MemoryPresenceStore implements PresenceStore {
  private readonly users = new Map<string, UserPresence>();

  async apply(updates: SourceUpdate[], now: number) {
    const touched = new Set<string>();
    for (const u of updates) {
      const user = this.user(u.userId);
      if (u.status) user.sources.set(u.source, { status: u.status, expiresAt: u.expiresAt });
      else user.sources.delete(u.source);
      user.lastSeenAt = now;
      touched.add(u.userId);
    }
    return this.settle([...touched], now);
  }

  async read(userIds: readonly string[], now: number): Promise<PresenceState[]> {
    return userIds.map((userId) => {
      const user = this.users.get(userId);
      return { userId, status: user ? statusOf(user.sources.values(), now).status : 'OFFLINE', lastSeenAt: user?.lastSeenAt ?? null };
    });
  }

  async sweep(now: number) {
    return this.settle([...this.users.keys()], now);
  }

  async close() {
    this.users.clear();
  }

  private user(userId: string) {
    let user = this.users.get(userId);
    if (!user) this.users.set(userId, (user = { sources: new Map(), reported: 'OFFLINE', lastSeenAt: null }));
    return user;
  }

  private settle(userIds: string[], now: number): PresenceState[] {
    const changed: PresenceState[] = [];
    for (const userId of userIds) {
      const user = this.users.get(userId)!;
      for (const [key, source] of user.sources) if (source.expiresAt <= now) user.sources.delete(key);
      const { status } = statusOf(user.sources.values(), now);
      if (status === user.reported) continue;
      user.reported = status;
      changed.push({ userId, status, lastSeenAt: user.lastSeenAt });
    }
    return changed;
  }
}
