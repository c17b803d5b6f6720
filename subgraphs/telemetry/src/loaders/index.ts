import DataLoader from 'dataloader';
import { byKeys, groupByKeys, isUuid } from '@supergraph/service-kit';
import { In, type DataSource } from 'typeorm';
import type { Reading } from '../domain/reading';
import { Device } from '../entities/Device';

// A malformed id cannot exist; leaving it out keeps it from reaching SQL as a cast error.
const uuids = (keys: readonly string[]) => keys.filter(isUuid);

/** `Device.latest(metric)` asks by device and metric; one string key per pair. */
export const latestKey = (deviceId: string, metric: string) => JSON.stringify([deviceId, metric]);

/** `User.devices(first)` asks by owner and page size. */
export const devicesKey = (ownerId: string, first: number) => JSON.stringify([ownerId, first]);

interface DeviceRow {
  id: string;
  owner_id: string;
  name: string;
  kind: string;
  key_prefix: string | null;
  key_hash: string | null;
  created_at: Date;
}

const deviceOfRow = (r: DeviceRow): Partial<Device> => ({ id: r.id, ownerId: r.owner_id, name: r.name, kind: r.kind, keyPrefix: r.key_prefix, keyHash: r.key_hash, createdAt: r.created_at });

/** Per-request loaders (created in `createContext`): what one operation asks for N times costs one query. */
export function createLoaders(dataSource: DataSource) {
  const loaders = {
    /** `Device.__resolveReference` and `device(id)`: N ids, one query. */
    deviceById: new DataLoader<string, Device | null>(async (ids) => {
      const valid = uuids(ids);
      return byKeys(ids, valid.length ? await dataSource.getRepository(Device).findBy({ id: In(valid) }) : [], (row) => row.id);
    }),
    /** `Device.latest(metric)` of many devices and metrics: one query on reading_latest. */
    latestReading: new DataLoader<string, Reading | null>(async (keys) => {
      const pairs = keys.map((key) => JSON.parse(key) as [string, string]).filter(([id]) => isUuid(id));
      const rows: { device_id: string; metric: string; value: number; at: Date }[] = pairs.length
        ? await dataSource.query(`SELECT l.device_id, l.metric, l.value, l.at FROM reading_latest l JOIN unnest($1::uuid[], $2::text[]) AS k(device_id, metric) USING (device_id, metric)`, [
            pairs.map(([id]) => id),
            pairs.map(([, metric]) => metric),
          ])
        : [];
      return byKeys(
        keys,
        rows.map((r) => ({ deviceId: r.device_id, metric: r.metric, value: r.value, at: r.at })),
        (r) => latestKey(r.deviceId, r.metric),
      );
    }),
    /** `Device.metrics` of many devices: one query. */
    metricsByDevice: new DataLoader<string, string[]>(async (ids) => {
      const valid = uuids(ids);
      const rows: { device_id: string; metric: string }[] = valid.length
        ? await dataSource.query(`SELECT device_id, metric FROM reading_latest WHERE device_id = ANY($1::uuid[]) ORDER BY metric`, [valid])
        : [];
      return groupByKeys(ids, rows, (r) => r.device_id).map((group) => group.map((r) => r.metric));
    }),
    /** `User.devices(first)` of many users, newest first: one query, a window per owner. Keys are `devicesKey`. */
    devicesByOwner: new DataLoader<string, Device[]>(async (keys) => {
      const pairs = keys.map((key) => JSON.parse(key) as [string, number]).filter(([id]) => isUuid(id));
      const rows: (DeviceRow & { page: number })[] = pairs.length
        ? await dataSource.query(
            `SELECT * FROM (
               SELECT d.*, k.page, row_number() OVER (PARTITION BY d.owner_id, k.page ORDER BY d.created_at DESC, d.id DESC) AS n
               FROM device d JOIN unnest($1::uuid[], $2::int[]) AS k(owner_id, page) USING (owner_id)
             ) ranked WHERE n <= page ORDER BY created_at DESC, id DESC`,
            [pairs.map(([id]) => id), pairs.map(([, first]) => first)],
          )
        : [];
      const repository = dataSource.getRepository(Device);
      return groupByKeys(keys, rows, (r) => devicesKey(r.owner_id, r.page)).map((group) => group.map((r) => repository.create(deviceOfRow(r))));
    }),
  };
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;
