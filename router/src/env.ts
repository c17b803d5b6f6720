import { resolve } from 'node:path';
import { z } from 'zod';
import { booleanFlag, DEV_IDENTITY_SECRET, DEV_JWT_SECRET, parseEnv, secret } from '@supergraph/service-kit';
import { DEFAULT_LIMITS, DEFAULT_MAX_BODY_BYTES } from './limits';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  /** Any composed supergraph; subgraph URLs come from it unless SUBGRAPH_<NAME>_URL overrides them. */
  SUPERGRAPH_PATH: z.string().default(resolve(__dirname, '../../schema/supergraph.graphql')),
  IDENTITY_SECRET: secret('IDENTITY_SECRET', DEV_IDENTITY_SECRET),
  JWT_SECRET: secret('JWT_SECRET', DEV_JWT_SECRET),
  /** One place to verify every API key; by default each key goes to the subgraph that issued it (its prefix names it). */
  API_KEY_VERIFY_URL: z.url().optional(),
  /** Comma-separated allowed origins; `*` allows any (tokens travel in headers, not cookies). */
  CORS_ORIGINS: z.string().optional(),
  MAX_DEPTH: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxDepth),
  MAX_ALIASES: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxAliases),
  MAX_TOKENS: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxTokens),
  MAX_COST: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxCost),
  /** Most times one response key may be selected in one selection set (fragments spread). */
  MAX_FIELD_REPETITIONS: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxFieldRepetitions),
  /** Most directives on one field, fragment or operation. */
  MAX_DIRECTIVES: z.coerce.number().int().positive().default(DEFAULT_LIMITS.maxDirectives),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(DEFAULT_MAX_BODY_BYTES),
  /** Identical query fetches to a subgraph in flight at once, by the same identity, are sent once (0 turns it off). */
  SUBGRAPH_DEDUP: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  /** Most callers sharing one deduplicated subgraph request (0: no bound). */
  SUBGRAPH_DEDUP_MAX_SHARED: z.coerce
    .number()
    .int()
    .min(0)
    .default(8)
    .transform((n) => n || Infinity),
  /** Most keep-alive connections to each subgraph. */
  SUBGRAPH_CONNECTIONS: z.coerce.number().int().positive().default(128),
  /** `fast`: queries through the router's compiled executor; `stock`: @apollo/gateway's executor. */
  ROUTER_EXECUTOR: z.enum(['fast', 'stock']).default('fast'),
  /** How long a subscription waits for its unreachable subgraph before it ends with SUBGRAPH_UNAVAILABLE. */
  SUBSCRIPTION_UPSTREAM_RETRY_MS: z.coerce.number().int().positive().default(30_000),
  /** Most subscriptions one graphql-ws connection may hold; past it a subscribe gets RATE_LIMITED. */
  SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().positive().default(100),
  /** Most subscriptions this router instance holds over every transport; past it RATE_LIMITED. */
  SUBSCRIPTIONS_PER_INSTANCE: z.coerce.number().int().positive().default(20_000),
  /** How often this router lists its live graphql-ws connections to messaging again; a connection is kept three periods, so a router killed without a word has its users OFFLINE within that. */
  PRESENCE_REFRESH_MS: z.coerce.number().int().min(500).default(10_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Lets graphql-ws clients connect without credentials (default off: such sockets are closed with 4403); subgraphs still authorize every field. */
  SUBSCRIPTIONS_ALLOW_ANONYMOUS: booleanFlag,
  /** Read by @apollo/gateway; unset means `true` (see privacy.ts): `false` opts in to Apollo's data collection. */
  APOLLO_TELEMETRY_DISABLED: z.string().optional(),
});

/** Every variable the router reads, besides SUBGRAPH_<NAME>_URL. */
export const ROUTER_ENV_KEYS = Object.keys(schema.shape);

export type RouterEnv = z.infer<typeof schema> & { subgraphUrls: Record<string, string> };

/** Reads the router's environment once; SUBGRAPH_<NAME>_URL entries become `subgraphUrls`. */
export function readRouterEnv(source: Record<string, string | undefined> = process.env): RouterEnv {
  const env = parseEnv(schema, source);
  const subgraphUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (match && value) subgraphUrls[match[1].toLowerCase()] = value;
  }
  return { ...env, subgraphUrls };
}
