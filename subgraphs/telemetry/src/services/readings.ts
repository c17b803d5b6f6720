import type { EntityManager } from 'typeorm';
import type { Reading } from '../domain/reading';

const columns = (readings: Reading[]) => [readings.map((r) => r.deviceId), readings.map((r) => r.metric), readings.map((r) => r.at.toISOString()), readings.map((r) => r.value)];

/**
 * Stores a checked batch: one INSERT of every reading (arrays unnested, so a batch is four
 * parameters however long it is), and the newest per metric upserted into reading_latest unless a
 * newer one is there. A reading already stored (same device, metric and at) keeps its first value.
 */
export async function storeReadings(manager: EntityManager, readings: Reading[], newest: Reading[]) {
  await manager.query(
    `INSERT INTO reading (device_id, metric, at, value)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::float8[])
     ON CONFLICT DO NOTHING`,
    columns(readings),
  );
  await manager.query(
    `INSERT INTO reading_latest (device_id, metric, at, value)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::float8[])
     ON CONFLICT (device_id, metric) DO UPDATE SET at = EXCLUDED.at, value = EXCLUDED.value WHERE reading_latest.at < EXCLUDED.at`,
    columns(newest),
  );
}
