// `npm start`: the whole supergraph in one process. Embedded PostgreSQL (PGlite) per subgraph
// under ./data and in-process events, unless DATABASE_URL / REDIS_URL point at real servers.
import { join } from 'node:path';
import { z } from 'zod';
import { connectMessaging, createLogger, databaseUrlFor, demoDataFlag, DEV_IDENTITY_SECRET, DEV_JWT_SECRET, isProduction, parseEnv, secret } from '@supergraph/service-kit';
import { startSupergraph, subgraphManifest } from './supergraph';

const env = parseEnv(
  z.object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().default(4000),
    HOST: z.string().default('127.0.0.1'),
    DATA_DIR: z.string().default(join(__dirname, '../../data')),
    DATABASE_URL: z.url().optional(),
    REDIS_URL: z.url().optional(),
    IDENTITY_SECRET: secret('IDENTITY_SECRET', DEV_IDENTITY_SECRET),
    JWT_SECRET: secret('JWT_SECRET', DEV_JWT_SECRET),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('warn'),
    /** Demo accounts and catalogue: on by default here, off (and refused) in production. */
    SEED_DEMO_DATA: demoDataFlag(true),
  }),
);
// Secrets, introspection, Sandbox, suggestions, stack traces and demo data: as on the router and subgraphs.
const production = isProduction();

async function main() {
  const logger = createLogger({ service: 'embedded' }, env.LOG_LEVEL);
  const messaging = await connectMessaging({ redisUrl: env.REDIS_URL, logger });
  const supergraph = await startSupergraph({
    messaging,
    identitySecret: env.IDENTITY_SECRET,
    jwtSecret: env.JWT_SECRET,
    logger,
    databaseUrls: Object.fromEntries(subgraphManifest().map(({ name }) => [name, databaseUrlFor(name, env.DATABASE_URL)])),
    dataDir: env.DATA_DIR,
    seed: env.SEED_DEMO_DATA,
    production,
    routerPort: env.PORT,
    // PORT=0: every part on a free port the OS picks (tests, or beside another running supergraph).
    ephemeralPorts: env.PORT === 0,
    host: env.HOST,
  });
  const lines = [
    '',
    `  Supergraph ready: ${supergraph.url}${production ? ' (production: no introspection, no Sandbox, no demo data)' : ''}`,
    ...(production ? [] : [`  Apollo Sandbox:   open ${supergraph.url} in a browser`]),
    `  Subgraphs:        ${Object.values(supergraph.subgraphs)
      .map((s) => `${s.name} ${s.url}`)
      .join(', ')}`,
    `  Data:             ${env.DATABASE_URL ? 'PostgreSQL' : `PGlite in ${env.DATA_DIR}`}, events ${messaging.bus.kind}`,
    ...(env.SEED_DEMO_DATA ? ['  Demo accounts:    admin@ customer@ courier@ operator@ partner@example.com, password Demo-Password-1'] : []),
    '  Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nstopping...\n');
    await supergraph.close();
    await messaging.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
