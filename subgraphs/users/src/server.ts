import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { z } from 'zod';
import { apiKeyVerificationRoute, CreateEventTables1763800000000, defineSubgraph } from '@supergraph/service-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { createContext } from './context';
import { Address } from './entities/Address';
import { ApiKey } from './entities/ApiKey';
import { RefreshToken } from './entities/RefreshToken';
import { User } from './entities/User';
import { CreateUsers1763800000100 } from './migrations/1763800000100-CreateUsers';
import { resolvers } from './resolvers';
import { ApiKeyService } from './services/ApiKeyService';
import { seedDemoAccounts } from './seed';
import { DEFAULT_AUTH_SETTINGS } from './services/AuthService';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/** The settings users reads from its environment (its own process or the embedded default). */
const settings = z
  .object({
    /** Lifetime of an access token; refresh tokens renew it. */
    ACCESS_TOKEN_TTL_SECONDS: z.coerce
      .number({ error: 'must be a number of seconds' })
      .int('must be a whole number of seconds')
      .positive('must be more than 0')
      .default(DEFAULT_AUTH_SETTINGS.accessTokenTtlSeconds),
  })
  .transform((env) => ({ ...DEFAULT_AUTH_SETTINGS, accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS }));

/** Users, sessions, roles and API keys. Issues the access tokens the router verifies. */
export const subgraph = defineSubgraph<Resolvers>()({
  name: 'users',
  typeDefs,
  resolvers,
  entities: [User, Address, RefreshToken, ApiKey],
  migrations: [CreateEventTables1763800000000, CreateUsers1763800000100],
  settings,
  createContext: (viewer, runtime, auth) => createContext(viewer, runtime, { ...auth, jwtSecret: runtime.secrets.jwt }),
  seed: seedDemoAccounts,
  routes: (runtime) => {
    const apiKeys = new ApiKeyService(runtime.dataSource, null, null);
    return { '/internal/api-keys/verify': apiKeyVerificationRoute(runtime, (secret) => apiKeys.verify(secret)) };
  },
});
