import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REDIS_URL } from '@supergraph/testkit';

const ROOT = join(__dirname, '../..');

export interface ComposeService {
  build?: { args?: { WORKSPACE?: string } };
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  ports?: string[];
  depends_on?: Record<string, unknown>;
  deploy?: { replicas?: number };
}

export function readCompose(): { services: Record<string, ComposeService> } {
  return parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
}

export function subgraphManifest(): { name: string; port: number }[] {
  return JSON.parse(readFileSync(join(ROOT, 'schema/subgraphs.json'), 'utf8')).subgraphs;
}

/** Compose's `${NAME:?message}` and `${NAME:-default}`, with `values` standing for the shell. */
export function interpolate(value: string, values: Record<string, string>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::([?-])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    if (values[name] !== undefined) return values[name];
    if (kind === '-') return rest ?? '';
    throw new Error(`docker-compose.yml needs ${name}: ${rest}`);
  });
}

/**
 * What an operator must set for production (compose sets NODE_ENV=production): secrets of 32+
 * characters that are not the published development defaults, which production refuses, and the
 * choices production makes no default for.
 */
export const PRODUCTION_TEST_ENV = { IDENTITY_SECRET: 'compose-test-identity-secret-0123456789', JWT_SECRET: 'compose-test-jwt-secret-0123456789abcdef', PAYMENTS_PROVIDER: 'simulated' };

/** What stands for the shell's variables when the tests read docker-compose.yml. */
const TEST_SHELL = { ...PRODUCTION_TEST_ENV, POSTGRES_PASSWORD: '' };

function composeEnvironment(service: string): Record<string, string> {
  const environment = readCompose().services[service]?.environment;
  if (!environment) throw new Error(`docker-compose.yml has no environment for ${service}`);
  return Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, interpolate(String(v), TEST_SHELL)]));
}

/**
 * A subgraph's environment as its container gets it, for a process on this machine: service hosts
 * mapped to 127.0.0.1, an OS-chosen port, a database and a Redis prefix of the test's own.
 */
export function subgraphProcessEnv(name: string, { databaseUrl, redisPrefix }: { databaseUrl: string; redisPrefix: string }, extra: Record<string, string> = {}) {
  const env = composeEnvironment(name);
  return {
    ...env,
    HOST: '127.0.0.1',
    PORT: '0',
    [`${name.toUpperCase()}_DATABASE_URL`]: databaseUrl,
    DATABASE_URL: env.DATABASE_URL.replace('@postgres:', '@127.0.0.1:').replace('postgres:@', 'postgres@'),
    REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** A router replica's environment as compose gives it, pointed at the subgraphs' `base URLs` by name. */
export function routerProcessEnv(subgraphUrls: Record<string, string>) {
  const env = composeEnvironment('router-1');
  for (const { name } of subgraphManifest()) env[`SUBGRAPH_${name.toUpperCase()}_URL`] = `${subgraphUrls[name]}/graphql`;
  return { ...env, HOST: '127.0.0.1', PORT: '0' };
}
