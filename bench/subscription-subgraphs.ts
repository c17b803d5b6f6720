// The subgraphs of the embedded supergraph without its router, for bench/subscription-fanout.ts:
// fresh PGlite data in DATA_DIR, demo data seeded, in-process events; prints one JSON line
// `{"subgraphs":{"users":"http://…/graphql",…}}` once every subgraph listens, so that the router
// can run as its own process (its memory measured alone).
import { join } from 'node:path';
import { connectMessaging, createLogger, runSubgraph, type RunningSubgraph } from '@supergraph/service-kit';
import { subgraphDefinitions, subgraphManifest } from '../embedded/src/supergraph';

async function main() {
  const dataDir = process.env.DATA_DIR!;
  const logger = createLogger({ service: 'bench-subgraphs' }, 'error');
  const messaging = await connectMessaging({ logger });
  const definitions = subgraphDefinitions();
  const running: Record<string, RunningSubgraph> = {};
  await Promise.all(
    subgraphManifest().map(async ({ name }) => {
      running[name] = await runSubgraph(definitions[name], {
        dataDir: join(dataDir, name),
        messaging,
        identitySecret: process.env.IDENTITY_SECRET!,
        jwtSecret: process.env.JWT_SECRET!,
        logger,
        port: 0,
        host: '127.0.0.1',
        seed: true,
        instanceId: `${name}-bench`,
      });
    }),
  );
  process.stdout.write(JSON.stringify({ subgraphs: Object.fromEntries(Object.entries(running).map(([name, s]) => [name, `${s.url}/graphql`])) }) + '\n');
  const stop = async () => {
    await Promise.all(Object.values(running).map((s) => s.close()));
    await messaging.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
