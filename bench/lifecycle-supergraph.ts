// The whole supergraph (every subgraph and the router) in one process, for bench/order-lifecycle.ts and bench/telemetry.ts.
// MODE=embedded: fresh PGlite data in DATA_DIR and in-process events (what `npm start` runs).
// MODE=services: a fresh PostgreSQL database per subgraph and a Redis prefix of its own, dropped on
// exit. Demo data is seeded. Prints one JSON line `{"url":"http://…/graphql",…}` once it listens.
import { connectMessaging, createLogger } from '@supergraph/service-kit';
import { cleanupTestResources, postgresAvailable, redisAvailable, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { startSupergraph, subgraphManifest } from '../embedded/src/supergraph';

async function main() {
  const services = process.env.MODE === 'services';
  const logger = createLogger({ service: 'bench-supergraph' }, 'error');
  if (services && !((await postgresAvailable()) && (await redisAvailable()))) throw new Error('MODE=services needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379');
  const messaging = services ? await testMessaging('bench') : await connectMessaging({ logger });
  const databaseUrls: Record<string, string | undefined> = {};
  if (services) for (const { name } of subgraphManifest()) databaseUrls[name] = await testDatabaseUrl(`bench_${name}`);
  const supergraph = await startSupergraph({
    messaging,
    identitySecret: process.env.IDENTITY_SECRET!,
    jwtSecret: process.env.JWT_SECRET!,
    logger,
    databaseUrls,
    dataDir: services ? undefined : process.env.DATA_DIR,
    seed: true,
    ephemeralPorts: true,
  });
  // databaseUrls: bench/telemetry.ts writes rows straight into telemetry's database.
  process.stdout.write(`${JSON.stringify({ url: supergraph.url, events: messaging.bus.kind, database: services ? 'postgresql' : 'pglite', databaseUrls })}\n`);
  const stop = async () => {
    await supergraph.close();
    await messaging.close();
    await cleanupTestResources();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
