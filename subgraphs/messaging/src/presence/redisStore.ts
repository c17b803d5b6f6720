import { createHash } from 'node:crypto';
import { createClient, type RedisClientType } from 'redis';
import type { Logger } from '@supergraph/service-kit';
import { statusOf, type PresenceState, type PresenceStore, type SourceUpdate } from './store';

/**
 * Applies a user's source updates, drops lapsed sources and compares the status with the one last
 * reported, in one atomic step: of all instances, only the one whose call changed the status gets
 * it back (and publishes it), so a change is announced once. The due set holds, per user, when
 * their next source lapses; the sweeper visits only those.
 * KEYS: the user's hash, the due set. ARGV: now, user id, count, then (source, status or '', expiresAt)...
 */
const APPLY = `
local now = tonumber(ARGV[1])
local n = tonumber(ARGV[3])
for i = 0, n - 1 do
  local field = 's:' .. ARGV[4 + i * 3]
  if ARGV[5 + i * 3] == '' then redis.call('HDEL', KEYS[1], field) else redis.call('HSET', KEYS[1], field, ARGV[5 + i * 3] .. '|' .. ARGV[6 + i * 3]) end
end
local all = redis.call('HGETALL', KEYS[1])
local online, away, due, reported, last = false, false, nil, 'OFFLINE', nil
for i = 1, #all, 2 do
  local f, v = all[i], all[i + 1]
  if f == '_status' then reported = v
  elseif f == '_last' then last = v
  else
    local sep = string.find(v, '|', 1, true)
    local expires = tonumber(string.sub(v, sep + 1))
    if expires <= now then redis.call('HDEL', KEYS[1], f)
    else
      if string.sub(v, 1, sep - 1) == 'ONLINE' then online = true else away = true end
      if due == nil or expires < due then due = expires end
    end
  end
end
if n > 0 then last = ARGV[1]; redis.call('HSET', KEYS[1], '_last', last) end
if due then redis.call('ZADD', KEYS[2], due, ARGV[2]) else redis.call('ZREM', KEYS[2], ARGV[2]) end
redis.call('PEXPIRE', KEYS[1], 2592000000)
local status = online and 'ONLINE' or (away and 'AWAY' or 'OFFLINE')
if status == reported then return false end
redis.call('HSET', KEYS[1], '_status', status)
return { status, last or '' }
`;

/** Redis keeps loaded scripts by their SHA1: calls send it instead of the script (loaded on the first NOSCRIPT). */
const APPLY_SHA1 = createHash('sha1').update(APPLY).digest('hex');

/** Presence in Redis: a hash per user (sources with their expiry, last seen, status last reported), kept 30 days for lastSeenAt. */
export class RedisPresenceStore implements PresenceStore {
  private constructor(
    private readonly client: RedisClientType,
    private readonly prefix: string,
  ) {}

  static async connect({ url, keyPrefix, logger }: { url: string; keyPrefix: string; logger: Logger }) {
    const client = createClient({ url }) as RedisClientType;
    client.on('error', (error) => logger.warn('redis presence connection error', { error: String(error) }));
    await client.connect();
    return new RedisPresenceStore(client, `${keyPrefix}messaging:presence:`);
  }

  async apply(updates: SourceUpdate[], now: number) {
    const byUser = new Map<string, SourceUpdate[]>();
    for (const u of updates) byUser.set(u.userId, [...(byUser.get(u.userId) ?? []), u]);
    // Issued together, so node-redis pipelines them: one round trip for the batch.
    const results = await Promise.all(
      [...byUser].map(([userId, own]) =>
        this.run(
          userId,
          now,
          own.flatMap((u) => [u.source, u.status ?? '', String(u.expiresAt)]),
        ),
      ),
    );
    return results.filter((r): r is PresenceState => r !== null);
  }

  async read(userIds: readonly string[], now: number) {
    const multi = this.client.multi();
    for (const userId of userIds) multi.hGetAll(this.prefix + userId);
    const hashes = (await multi.exec()) as unknown as Record<string, string>[];
    return userIds.map((userId, i) => {
      const hash = hashes[i] ?? {};
      const sources = Object.entries(hash)
        .filter(([field]) => field.startsWith('s:'))
        .map(([, value]) => ({ status: value.slice(0, value.indexOf('|')), expiresAt: Number(value.slice(value.indexOf('|') + 1)) }));
      return { userId, status: statusOf(sources, now).status, lastSeenAt: hash._last ? Number(hash._last) : null };
    });
  }

  /** Every user due by now, 1,000 at a time: each visit re-scores or removes them, so the loop ends. */
  async sweep(now: number) {
    const changed: PresenceState[] = [];
    for (;;) {
      const due = await this.client.zRangeByScore(this.prefix + 'due', '-inf', now, { LIMIT: { offset: 0, count: 1000 } });
      const results = await Promise.all(due.map((userId) => this.run(userId, now, [])));
      changed.push(...results.filter((r): r is PresenceState => r !== null));
      if (due.length < 1000) return changed;
    }
  }

  async close() {
    await this.client.quit().catch(() => undefined);
  }

  private async run(userId: string, now: number, args: string[]): Promise<PresenceState | null> {
    const options = { keys: [this.prefix + userId, this.prefix + 'due'], arguments: [String(now), userId, String(args.length / 3), ...args] };
    const reply = (await this.client.evalSha(APPLY_SHA1, options).catch((error: unknown) => {
      if (!String(error).includes('NOSCRIPT')) throw error;
      return this.client.eval(APPLY, options);
    })) as [string, string] | null;
    if (!reply) return null;
    return { userId, status: reply[0] as PresenceState['status'], lastSeenAt: reply[1] ? Number(reply[1]) : null };
  }
}
