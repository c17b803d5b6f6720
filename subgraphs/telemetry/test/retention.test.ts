import type { Messaging, RunningSubgraph } from '@supergraph/service-kit';
import { cleanupTestResources, runTestSubgraph, testDatabaseUrl, testMessaging } from '@supergraph/testkit';
import { subgraph } from '../src/server';
import { PURGE_BATCH, purgeOldReadings } from '../src/services/retention';

const DAY = 86_400_000;

/** Retention: readings older than the period are deleted in batches; newer ones stay. */
describe('retention of readings', () => {
  let running: RunningSubgraph;
  let messaging: Messaging;

  beforeAll(async () => {
    messaging = await testMessaging('telemetry-retention');
    running = await runTestSubgraph(subgraph, { databaseUrl: await testDatabaseUrl('telemetry_retention'), messaging });
  });
  afterAll(async () => {
    await running?.close();
    await messaging?.close();
    await cleanupTestResources();
  });

  it('purges what is older than the retention period, batch after batch, and keeps the rest', async () => {
    const db = running.database.dataSource;
    const old = 2 * PURGE_BATCH + 123;
    await db.query(
      `INSERT INTO reading (device_id, metric, at, value)
       SELECT '00000000-0000-4000-8000-0000000000aa'::uuid, 'temp', now() - interval '31 days' - g * interval '1 second', g FROM generate_series(1, $1) g
       UNION ALL
       SELECT '00000000-0000-4000-8000-0000000000aa'::uuid, 'temp', now() - interval '29 days' + g * interval '1 second', g FROM generate_series(1, 10) g`,
      [old],
    );
    expect(await purgeOldReadings(running.runtime, 30 * DAY)).toBe(old);
    const [{ n }] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM reading`);
    expect(n).toBe(10);
    expect(await purgeOldReadings(running.runtime, 30 * DAY)).toBe(0);
  });
});
