import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { CreateEventTables1763800000000, type SubgraphDefinition } from '@supergraph/service-kit';
import { createContext, type Context } from './context';
import { Address } from './entities/Address';
import { ApiKey } from './entities/ApiKey';
import { RefreshToken } from './entities/RefreshToken';
import { User } from './entities/User';
import { CreateUsers1763800000100 } from './migrations/1763800000100-CreateUsers';
import { resolvers } from './resolvers';
import { apiKeyVerificationRoute } from './routes';
import { seedDemoAccounts } from './seed';
import { DEFAULT_AUTH_SETTINGS } from './services/AuthService';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/** Users, sessions, roles and API keys. Issues the access tokens the router verifies. */
export function createUsersSubgraph(settings: Partial<typeof DEFAULT_AUTH_SETTINGS> = {}): SubgraphDefinition<Context> {
  return {
    name: 'users',
    typeDefs,
    // eslint-disable-next-line no-restricted-syntax -- the generated Resolvers type is stricter than @apollo/subgraph's resolver map; a typed defineSubgraph replaces this cast
    resolvers: resolvers as never,
    entities: [User, Address, RefreshToken, ApiKey],
    migrations: [CreateEventTables1763800000000, CreateUsers1763800000100],
    createContext: (viewer, runtime) => createContext(viewer, runtime, { ...DEFAULT_AUTH_SETTINGS, ...settings, jwtSecret: runtime.secrets.jwt }),
    seed: seedDemoAccounts,
    routes: (runtime) => ({ '/internal/api-keys/verify': apiKeyVerificationRoute(runtime) }),
  };
}

export const usersSubgraph = createUsersSubgraph();
