// Messaging at scale through one router: a room of MEMBERS (1,000) people, each on their own
// graphql-ws connection subscribed to `messageAdded`; then presence for PRESENCE_USERS (10,000).
//
//   npm run bench:messaging                         # 1,000 members, 20 timed sends, 10 s of load, 10,000 presences
//   MEMBERS=200 LOAD_SECONDS=5 npm run bench:messaging
//
// Figures:
//   latency      sendMessage (POST through the router) to delivery at every member: p50/p99/max
//                over MEMBERS × SENDS deliveries, messages sent one after another.
//   throughput   SENDERS members send as fast as the mutations answer for LOAD_SECONDS; the
//                messages/s whose delivery reached every member, and the deliveries/s that makes.
//   presence     PRESENCE_USERS connections reported as a router reports them (signed POSTs of
//                5,000): time to make them all ONLINE (each change announced), a refresh (nothing
//                changes), and a lapse: from their TTL to all OFFLINE announced by the sweeper.
//                Baseline: a refresh, the same batches with no change, measured in the same run.
//
// Processes and data: the embedded supergraph in this process (every subgraph and the router),
// on PostgreSQL and Redis when they answer on 127.0.0.1 (fresh database and prefix, dropped
// afterwards), PGlite and in-process pub/sub otherwise; the clients run in this process too, so
// their CPU counts against the server's (a conservative figure). Members are made directly: an
// access token signed with the router's secret and a row in messaging's read model of users (a
// GROUP room holds 100 through the API; the bench room is built in SQL).
import { randomUUID } from 'node:crypto';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { Client as PgClient } from 'pg';
import { createClient as createRedisClient } from 'redis';
import WebSocket from 'ws';
import { BODY_SIGNATURE_HEADER, issueAccessToken, signBody } from '@supergraph/auth';
import { startSupergraph, type RunningSupergraph } from '@supergraph/embedded';
import { connectMessaging, createLogger } from '@supergraph/service-kit';
import { gql, now, pct, sleep } from './lib';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const MEMBERS = env('MEMBERS', 1000);
const SENDS = env('SENDS', 20);
const SENDERS = env('SENDERS', 4);
const LOAD_SECONDS = env('LOAD_SECONDS', 10);
const PRESENCE_USERS = env('PRESENCE_USERS', 10_000);
const SECRETS = { identity: 'bench-identity-secret-0123456789abcdef', jwt: 'bench-jwt-secret-0123456789abcdef0123' };
const PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = 'redis://127.0.0.1:6379';

const answers = (check: () => Promise<unknown>) =>
  check()
    .then(() => true)
    .catch(() => false);
const ms = (v: number) => v.toFixed(1);

/** Fresh PostgreSQL databases (one per subgraph) when PostgreSQL answers; undefined → PGlite. */
async function databases(run: string, names: string[]) {
  const admin = new PgClient({ connectionString: PG });
  if (!(await answers(() => admin.connect()))) return { urls: undefined, drop: async () => {} };
  const urls: Record<string, string> = {};
  for (const name of names) {
    await admin.query(`CREATE DATABASE "bench_${run}_${name}"`);
    const database = new URL(PG);
    database.pathname = `/bench_${run}_${name}`;
    urls[name] = database.toString();
  }
  return {
    urls,
    drop: async () => {
      for (const name of names) await admin.query(`DROP DATABASE IF EXISTS "bench_${run}_${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function main() {
  const run = randomUUID().slice(0, 8);
  const redisUp = await answers(async () => (await connectMessaging({ redisUrl: REDIS, keyPrefix: `bench-probe-${run}:` })).close());
  const messaging = await connectMessaging({ redisUrl: redisUp ? REDIS : undefined, keyPrefix: `bench-${run}:` });
  const names = ['users', 'products', 'orders', 'payments', 'delivery', 'messaging'];
  const dbs = await databases(run, names);
  const logger = createLogger({}, 'error');
  const sg = await startSupergraph({ messaging, identitySecret: SECRETS.identity, jwtSecret: SECRETS.jwt, logger, databaseUrls: dbs.urls, seed: true, ephemeralPorts: true });
  const engines = `${dbs.urls ? 'PostgreSQL' : 'PGlite'}, ${redisUp ? 'Redis' : 'in-process'} pub/sub`;
  try {
    await measure(sg, engines);
  } finally {
    await sg.close();
    await messaging.close();
    await dbs.drop();
    if (redisUp) await dropKeys(`bench-${run}:`);
  }
}

async function measure(sg: RunningSupergraph, engines: string) {
  const url = sg.url;
  const data = sg.subgraphs.messaging.database.dataSource;
  console.log(`engines: ${engines}; ${MEMBERS} members, ${SENDS} timed sends, ${SENDERS} senders for ${LOAD_SECONDS} s, ${PRESENCE_USERS} presences`);

  // The members and their room, built directly (see the header).
  const members = Array.from({ length: MEMBERS }, () => randomUUID());
  const roomId = randomUUID();
  await data.query(`INSERT INTO known_user (user_id, name, roles) SELECT unnest($1::text[]), 'member', '{CUSTOMER}'`, [members]);
  await data.query(`INSERT INTO room (id, type, name, created_by) VALUES ($1, 'GROUP', 'Bench', $2)`, [roomId, members[0]]);
  await data.query(`INSERT INTO room_member (room_id, user_id) SELECT $1, unnest($2::text[])`, [roomId, members]);
  const tokens = await Promise.all(members.map((id) => issueAccessToken({ id, roles: ['CUSTOMER'] }, { secret: SECRETS.jwt, ttlSeconds: 3600 })));

  // Every member on their own socket; `arrivals[m]` maps message id → arrival time.
  const arrivals = members.map(() => new Map<string, number>());
  const clients: WsClient[] = [];
  const errors: string[] = [];
  // In batches of 25, each waited for (connection acknowledged), so the connects do not pile up.
  for (let m = 0; m < MEMBERS; m += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, MEMBERS - m) }, (_, i) => {
        const member = m + i;
        return new Promise<void>((resolve) => {
          const client = createClient({
            url: url.replace(/^http/, 'ws'),
            webSocketImpl: WebSocket,
            connectionParams: { authorization: `Bearer ${tokens[member]}` },
            retryAttempts: 0,
            lazy: false,
            onNonLazyError: (e) => void errors.push(String(e)),
            on: { connected: () => resolve(), closed: () => resolve() },
          });
          clients.push(client);
          client.subscribe(
            { query: 'subscription($r: ID!) { messageAdded(roomId: $r) { id content sender { id } } }', variables: { r: roomId } },
            { next: (e) => void arrivals[member].set((e.data as any).messageAdded.id, now()), error: (e) => void errors.push(JSON.stringify(e)), complete: () => {} },
          );
        });
      }),
    );
  }
  if (errors.length) console.log(`${errors.length} socket errors, first: ${errors[0]}`);
  const send = async (from: number, content: string) =>
    (await gql(url, 'mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }', { i: { roomId, content } }, tokens[from])).sendMessage.id as string;
  const everyone = (id: string) => arrivals.every((a) => a.has(id));
  // Open once a probe reaches every member.
  const openedAt = now();
  for (;;) {
    const probe = await send(0, 'probe');
    await sleep(500);
    if (everyone(probe)) break;
    if (now() - openedAt > 120_000) throw new Error(`subscriptions not all open: ${arrivals.filter((a) => a.has(probe)).length}/${MEMBERS}`);
  }
  console.log(`${MEMBERS} subscriptions open in ${ms((now() - openedAt) / 1000)} s`);

  // Latency: one message at a time, each waited for at every member.
  const latencies: number[] = [];
  for (let i = 0; i < SENDS; i++) {
    const sentAt = now();
    const id = await send(i % MEMBERS, `timed ${i}`);
    while (!everyone(id)) await sleep(2);
    for (const a of arrivals) latencies.push(a.get(id)! - sentAt);
  }
  latencies.sort((a, b) => a - b);
  console.log(`latency sendMessage → every member (${latencies.length} deliveries): p50 ${ms(pct(latencies, 50))} ms, p99 ${ms(pct(latencies, 99))} ms, max ${ms(latencies.at(-1)!)} ms`);

  // Throughput: SENDERS send back to back for LOAD_SECONDS.
  const sent: string[] = [];
  const until = now() + LOAD_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: SENDERS }, async (_, s) => {
      while (now() < until) sent.push(await send(s % MEMBERS, `load ${sent.length}`));
    }),
  );
  const drainedBy = now() + 60_000;
  while (!sent.every(everyone) && now() < drainedBy) await sleep(20);
  const lastArrival = Math.max(...sent.flatMap((id) => arrivals.map((a) => a.get(id) ?? 0)));
  const span = (lastArrival - (until - LOAD_SECONDS * 1000)) / 1000;
  const complete = sent.filter(everyone).length;
  console.log(
    `throughput: ${sent.length} messages sent in ${LOAD_SECONDS} s, ${complete} reached all ${MEMBERS} members; ${ms(complete / span)} messages/s sustained = ${Math.round((complete * MEMBERS) / span)} deliveries/s`,
  );
  await Promise.all(clients.map((c) => c.dispose()));

  // Presence for PRESENCE_USERS: batches as a router posts them.
  const presenceUrl = `${sg.subgraphs.messaging.url}/internal/presence`;
  const users = Array.from({ length: PRESENCE_USERS }, () => randomUUID());
  const post = async (ttlMs: number, connected: string[]) => {
    for (let i = 0; i < connected.length; i += 5000) {
      const body = JSON.stringify({ ttlMs, connected: connected.slice(i, i + 5000).map((userId) => ({ id: `bench-${userId}`, userId })), closed: [] });
      const res = await fetch(presenceUrl, { method: 'POST', headers: { 'content-type': 'application/json', [BODY_SIGNATURE_HEADER]: signBody(body, SECRETS.identity) }, body });
      if (!res.ok) throw new Error(`presence POST answered ${res.status}`);
    }
  };
  const TTL = 5000;
  let t = now();
  await post(TTL, users);
  const online = now() - t;
  t = now();
  await post(TTL, users);
  const refresh = now() - t;
  console.log(
    `presence: ${PRESENCE_USERS} users ONLINE (announced) in ${ms(online)} ms (${Math.round(PRESENCE_USERS / (online / 1000))} changes/s); a refresh (no change, baseline) ${ms(refresh)} ms; ratio ${(online / refresh).toFixed(2)}`,
  );
  const lapseAt = now() + TTL;
  const watched = sg.subgraphs.messaging.runtime.pubsub.subscribe<{ status: string }>(`messaging.presence.changed.${users.at(-1)}`);
  const offline = await watched.next();
  await watched.return?.();
  console.log(`presence lapse: the last of ${PRESENCE_USERS} users announced ${offline.value?.status} ${ms(now() - lapseAt)} ms after their TTL`);
}

/** The Redis keys (presence, streams) this run made. */
async function dropKeys(prefix: string) {
  const client = createRedisClient({ url: REDIS });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) if (keys.length) await client.del(keys);
  await client.quit();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
