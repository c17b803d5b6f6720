import type { PresenceStatus } from '../views';

/**
 * One source of a user's presence: a router's graphql-ws connection (`ws:<id>`) or their
 * heartbeat (`heartbeat`), live until `expiresAt`. A `status` of null removes the source.
 */
export interface SourceUpdate {
  userId: string;
  source: string;
  status: 'ONLINE' | 'AWAY' | null;
  expiresAt: number;
}

/** A user's presence now. */
export interface PresenceState {
  userId: string;
  status: PresenceStatus;
  /** Epoch ms of the last time a source of theirs was set or removed; null if never. */
  lastSeenAt: number | null;
}

/**
 * Where presence lives: Redis with expiry (shared by every instance of messaging) or in-process
 * (the embedded default), chosen like the runtime chooses its messaging. Both report a change of a
 * user's status exactly once, whichever instance makes or notices it, so no event is doubled.
 */
export interface PresenceStore {
  /** Applies the updates; returns the users whose status changed because of them. */
  apply(updates: SourceUpdate[], now: number): Promise<PresenceState[]>;
  /** Presence of many users in one round trip. */
  read(userIds: readonly string[], now: number): Promise<PresenceState[]>;
  /** Drops lapsed sources; returns the users whose status changed because of that. */
  sweep(now: number): Promise<PresenceState[]>;
  close(): Promise<void>;
}

/** ONLINE if any live source says so, AWAY if one says AWAY, else OFFLINE; and when the next source lapses. */
export function statusOf(sources: Iterable<{ status: string; expiresAt: number }>, now: number): { status: PresenceStatus; nextDue: number | null } {
  let status: PresenceStatus = 'OFFLINE';
  let nextDue: number | null = null;
  for (const source of sources) {
    if (source.expiresAt <= now) continue;
    if (source.status === 'ONLINE') status = 'ONLINE';
    else if (status === 'OFFLINE') status = 'AWAY';
    nextDue = nextDue === null ? source.expiresAt : Math.min(nextDue, source.expiresAt);
  }
  return { status, nextDue };
}
