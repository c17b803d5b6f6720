import { randomBytes } from 'node:crypto';
import { Socket } from 'node:net';
import { Client } from 'pg';
import { createClient } from 'redis';
import { signViewerHeaders, type Role, type Viewer } from '@supergraph/auth';
import type { BaseContext } from '@apollo/server';
import {
  connectMessaging,
  createLogger,
  DEV_IDENTITY_SECRET,
  DEV_JWT_SECRET,
  runSubgraph,
  type Messaging,
  type RunningSubgraph,
  type SubgraphConfig,
  type SubgraphDefinition,
} from '@supergraph/service-kit';

export const TEST_IDENTITY_SECRET = DEV_IDENTITY_SECRET;
export const TEST_JWT_SECRET = DEV_JWT_SECRET;
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const testLogger = createLogger({ test: true }, (process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent');

function portOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

let postgres: Promise<boolean> | undefined;
let redis: Promise<boolean> | undefined;

/** True when a PostgreSQL server answers (CI always has one). `TEST_EMBEDDED=1` forces the embedded engines. */
export function postgresAvailable(): Promise<boolean> {
  if (process.env.TEST_EMBEDDED === '1') return Promise.resolve(false);
  postgres ??= (async () => {
    const url = new URL(POSTGRES_ADMIN_URL);
    if (!(await portOpen(url.hostname, Number(url.port || 5432)))) return false;
    const client = new Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return postgres;
}

export function redisAvailable(): Promise<boolean> {
  if (process.env.TEST_EMBEDDED === '1') return Promise.resolve(false);
  redis ??= (async () => {
    const url = new URL(REDIS_URL);
    if (!(await portOpen(url.hostname, Number(url.port || 6379)))) return false;
    const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 2000, reconnectStrategy: false } });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      await client.quit().catch(() => undefined);
    }
  })();
  return redis;
}

export function uniqueName(label: string) {
  return `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
}

const createdDatabases = new Set<string>();

/** A fresh database on the real server (dropped by `cleanupTestResources`), or undefined for in-memory PGlite. */
export async function testDatabaseUrl(label: string): Promise<string | undefined> {
  if (!(await postgresAvailable())) return undefined;
  const url = new URL(POSTGRES_ADMIN_URL);
  const name = uniqueName(label);
  url.pathname = `/${name}`;
  createdDatabases.add(name);
  return url.toString();
}

const redisPrefixes = new Set<string>();

/** Redis streams and pub/sub under a prefix of this test's own, or the in-process engines. */
export async function testMessaging(label = 'msg'): Promise<Messaging & { redisUrl?: string; keyPrefix?: string }> {
  if (await redisAvailable()) {
    const keyPrefix = `${uniqueName(label)}:`;
    redisPrefixes.add(keyPrefix);
    return Object.assign(await connectMessaging({ redisUrl: REDIS_URL, keyPrefix, logger: testLogger }), { redisUrl: REDIS_URL, keyPrefix });
  }
  return connectMessaging({ logger: testLogger });
}

/** Drops the databases and Redis keys this test file made. */
export async function cleanupTestResources() {
  if (createdDatabases.size) {
    const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
    await client.connect();
    for (const name of createdDatabases) {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    }
    createdDatabases.clear();
    await client.end();
  }
  if (redisPrefixes.size) {
    const client = createClient({ url: REDIS_URL });
    client.on('error', () => undefined);
    await client.connect();
    for (const prefix of redisPrefixes) {
      const keys: string[] = [];
      for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) keys.push(...(Array.isArray(batch) ? batch : [batch]));
      if (keys.length) await client.del(keys);
    }
    redisPrefixes.clear();
    await client.quit();
  }
}

/** Headers the router would send for this viewer (for tests that call a subgraph directly). */
export function viewerHeaders(userId: string, roles: Role[] = ['CUSTOMER'], extra: Partial<Viewer> = {}): Record<string, string> {
  return signViewerHeaders({ kind: 'user', userId, roles, ...extra }, TEST_IDENTITY_SECRET);
}

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** POSTs one operation and returns the parsed body (with the HTTP status, for error tests). */
export async function graphql<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLResponse<T> & { status: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResponse<T>;
  return { ...body, status: response.status };
}

/** Polls `check` until it returns a truthy value (state settled by events), failing after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, { timeoutMs = 15_000, intervalMs = 50, message = 'condition' } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${message}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export { TEST_JWT_SECRET as jwtSecret };

/**
 * A subgraph as its own tests run it: port 0, the test secrets and logger, and an outbox relay
 * that polls every 50 ms (tests wait on events, not on a production poll interval).
 */
export function runTestSubgraph<TContext extends BaseContext, TSettings>(
  definition: SubgraphDefinition<TContext, TSettings>,
  config: Omit<SubgraphConfig, 'identitySecret' | 'jwtSecret' | 'logger'>,
): Promise<RunningSubgraph> {
  return runSubgraph(definition, { identitySecret: TEST_IDENTITY_SECRET, jwtSecret: TEST_JWT_SECRET, logger: testLogger, relayPollIntervalMs: 50, ...config });
}
