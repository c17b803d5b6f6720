import { mintApiKey } from '@supergraph/auth';
import type { SubgraphRuntime } from '@supergraph/service-kit';
import { newestPerMetric, type Reading } from './domain/reading';
import { storeReadings } from './services/readings';

/** customer@example.com, as users seeds them. */
export const DEMO_OWNER_ID = '00000000-0000-4000-8000-000000000002';

/** A fixed id, so that a restart (the seed runs at every start of the embedded default) adds nothing twice. */
export const DEMO_DEVICE = { id: '00000000-0000-4000-8000-0000000000d1', name: 'Greenhouse sensor', kind: 'thermometer' };

/** One a minute over the day before the seed, for two metrics (a daily wave, so buckets differ). */
function demoDay(now: number): Reading[] {
  const end = Math.floor(now / 60_000) * 60_000;
  const readings: Reading[] = [];
  for (let minute = 1440; minute > 0; minute--) {
    const at = new Date(end - minute * 60_000);
    const phase = ((at.getUTCHours() * 60 + at.getUTCMinutes()) / 1440) * 2 * Math.PI;
    readings.push({ deviceId: DEMO_DEVICE.id, metric: 'temperature', value: Math.round((18 + 6 * Math.sin(phase)) * 100) / 100, at });
    readings.push({ deviceId: DEMO_DEVICE.id, metric: 'humidity', value: Math.round((60 - 15 * Math.sin(phase)) * 100) / 100, at });
  }
  return readings;
}

/**
 * The demo customer's device with a day of readings; idempotent: readings are added only with the
 * device, so a restart adds none. Its key is not kept anywhere: `rotateDeviceKey` gives one.
 */
export async function seedTelemetry(runtime: SubgraphRuntime) {
  const key = mintApiKey('sgt', DEMO_DEVICE.id);
  const inserted = await runtime.dataSource.query<{ id: string }[]>(
    `INSERT INTO device (id, owner_id, name, kind, key_prefix, key_hash) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [DEMO_DEVICE.id, DEMO_OWNER_ID, DEMO_DEVICE.name, DEMO_DEVICE.kind, key.displayPrefix, key.secretHash],
  );
  if (!inserted.length) return;
  const readings = demoDay(Date.now());
  await runtime.dataSource.transaction((manager) => storeReadings(manager, readings, newestPerMetric(readings)));
}
