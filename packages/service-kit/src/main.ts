import { z } from 'zod';
import type { BaseContext } from '@apollo/server';
import { DEV_IDENTITY_SECRET, DEV_JWT_SECRET, demoDataFlag, parseEnv, secret } from './env';
import { isProduction } from './production';
import { connectMessaging } from './infrastructure';
import { createLogger } from './logger';
import { runSubgraph, type SubgraphDefinition } from './runSubgraph';
import { defaultPortOf } from './subgraphList';

const subgraphEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.url().optional(),
  /** `<NAME>_DATABASE_URL`, e.g. `ORDERS_DATABASE_URL` (see readSubgraphEnv). */
  SUBGRAPH_DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().default('data'),
  REDIS_URL: z.url().optional(),
  REDIS_PREFIX: z.string().default('sg:'),
  IDENTITY_SECRET: secret('IDENTITY_SECRET', DEV_IDENTITY_SECRET),
  JWT_SECRET: secret('JWT_SECRET', DEV_JWT_SECRET),
  /** Off by default for a subgraph on its own; refused in production. */
  SEED_DEMO_DATA: demoDataFlag(false),
  OUTBOX_RELAY: z.enum(['on', 'off']).default('on'),
  INSTANCE_ID: z.string().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

/** Every variable a subgraph reads (`<NAME>_DATABASE_URL` stands for SUBGRAPH_DATABASE_URL). */
export const SUBGRAPH_ENV_KEYS = Object.keys(subgraphEnvSchema.shape);

/**
 * The environment every subgraph reads. Its database comes from `<NAME>_DATABASE_URL`, or from
 * `DATABASE_URL` with the database name replaced by `supergraph_<name>` (one database per
 * subgraph on a shared server), or else the embedded engine in `DATA_DIR/<name>`.
 */
export function readSubgraphEnv(name: string, defaultPort: number, source: Record<string, string | undefined> = process.env) {
  const env = parseEnv(subgraphEnvSchema, {
    ...source,
    PORT: source.PORT ?? String(defaultPort),
    SUBGRAPH_DATABASE_URL: source[`${name.toUpperCase()}_DATABASE_URL`],
  });
  return { ...env, databaseUrl: env.SUBGRAPH_DATABASE_URL ?? databaseUrlFor(name, env.DATABASE_URL) };
}

export function databaseUrlFor(name: string, base: string | undefined): string | undefined {
  if (!base) return undefined;
  const url = new URL(base);
  url.pathname = `/supergraph_${name}`;
  return url.toString();
}

/**
 * `index.ts` of a subgraph: env → run → stop cleanly on SIGTERM/SIGINT. Without PORT it listens
 * on the subgraph's port in schema/subgraphs.json.
 */
export async function runSubgraphMain<TContext extends BaseContext, TSettings>(definition: SubgraphDefinition<TContext, TSettings>) {
  // schema/subgraphs.json is read only when PORT is unset (containers always set it).
  const env = readSubgraphEnv(definition.name, process.env.PORT === undefined ? defaultPortOf(definition.name) : Number(process.env.PORT));
  const logger = createLogger({ service: definition.name }, env.LOG_LEVEL);
  const messaging = await connectMessaging({ redisUrl: env.REDIS_URL, keyPrefix: env.REDIS_PREFIX, logger });
  const running = await runSubgraph(definition, {
    databaseUrl: env.databaseUrl,
    dataDir: env.databaseUrl ? undefined : `${env.DATA_DIR}/${definition.name}`,
    messaging,
    identitySecret: env.IDENTITY_SECRET,
    jwtSecret: env.JWT_SECRET,
    logger,
    port: env.PORT,
    host: env.HOST,
    production: isProduction(),
    seed: env.SEED_DEMO_DATA,
    relay: env.OUTBOX_RELAY === 'on',
    instanceId: env.INSTANCE_ID,
  });
  logger.info('subgraph listening', { url: `${running.url}/graphql`, database: running.database.engine, events: messaging.bus.kind });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    await running.close();
    await messaging.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  return running;
}
