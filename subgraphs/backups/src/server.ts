import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { apiKeyVerificationRoute, CreateEventTables1763800000000, defineSubgraph } from '@supergraph/service-kit';
import type { Resolvers } from './__generated__/resolvers-types';
import { createContext } from './context';
import { BackupAgent } from './entities/BackupAgent';
import { BackupAlert } from './entities/BackupAlert';
import { BackupJob } from './entities/BackupJob';
import { BackupPolicy } from './entities/BackupPolicy';
import { CreateBackups1796190100934 } from './migrations/1796190100934-CreateBackups';
import { resolvers } from './resolvers';
import { seedDemoBackups } from './seed';
import { verifyAgentKey } from './services/AgentService';
import { startBackgroundWork } from './services/background';
import { settingsSchema } from './settings';

export const typeDefs = parse(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

/** BackupGuard: agents reporting jobs with their own keys, policies, a checker raising alerts, reports. */
export const subgraph = defineSubgraph<Resolvers>()({
  name: 'backups',
  typeDefs,
  resolvers,
  entities: [BackupPolicy, BackupAgent, BackupJob, BackupAlert],
  // The kit's event tables (outbox, processed_event) first, then this subgraph's own.
  migrations: [CreateEventTables1763800000000, CreateBackups1796190100934],
  settings: settingsSchema,
  createContext,
  // The router turns an `sgb_` key into the agent's identity here.
  routes: (runtime) => ({ '/internal/api-keys/verify': apiKeyVerificationRoute(runtime, (secret) => verifyAgentKey(runtime, secret)) }),
  // The checker and the retention purge, stopped by the kit before the database closes.
  background: startBackgroundWork,
  seed: seedDemoBackups,
  subscriptions: true,
});
