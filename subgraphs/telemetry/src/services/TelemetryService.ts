import type { Viewer } from '@supergraph/auth';
import { badUserInput } from '@supergraph/errors';
import { inTransaction, type SubgraphRuntime } from '@supergraph/service-kit';
import { bucketInterval, requireRange, type BucketSize } from '../domain/buckets';
import { coalescedReadings } from '../domain/coalesce';
import { isMetricName, MAX_BATCH, newestPerMetric, rejectionOf, type Reading, type Rejection, type Sender } from '../domain/reading';
import { readingsChannel, type ReadingsIngested } from '../events';
import { deviceOf, requireViewer } from './access';
import type { DeviceService } from './DeviceService';
import { storeReadings } from './readings';

/** Most metric names one subscription may filter on. */
const MAX_FILTER = 100;

export interface IngestResult {
  accepted: number;
  rejected: number;
  rejections: Rejection[];
}

export interface Bucket {
  start: Date;
  min: number;
  max: number;
  avg: number;
  count: number;
}

/** Readings: batched ingest, history in time buckets, live readings. */
export class TelemetryService {
  constructor(
    private readonly runtime: SubgraphRuntime,
    private readonly devices: DeviceService,
    private readonly viewer: Viewer | null,
    private readonly retentionMs: number,
  ) {}

  /**
   * `ingestTelemetry`: every reading checked on its own (domain/reading.ts); the valid ones stored in
   * one transaction (one multi-row INSERT, one upsert of the latest values), then announced live,
   * one pub/sub message per device. A bad reading never costs the others.
   */
  async ingest(readings: Reading[]): Promise<IngestResult> {
    const viewer = requireViewer(this.viewer);
    if (readings.length > MAX_BATCH) throw badUserInput(`At most ${MAX_BATCH} readings per call; send the rest in another`, 'readings', { max: MAX_BATCH });
    const sender = await this.senderOf(viewer, readings);
    const now = Date.now();
    const window = { now, oldest: now - this.retentionMs };
    const seen = new Set<string>();
    const accepted: Reading[] = [];
    const rejections: Rejection[] = [];
    readings.forEach((reading, index) => {
      const rejection = rejectionOf(reading, sender, window, seen);
      if (rejection) rejections.push({ index, ...rejection });
      else accepted.push(reading);
    });
    if (accepted.length) {
      const newest = newestPerMetric(accepted);
      await inTransaction(this.runtime.dataSource, (manager) => storeReadings(manager, accepted, newest));
      this.announce(newest);
    }
    return { accepted: accepted.length, rejected: rejections.length, rejections };
  }

  /** A device's key writes for itself; anyone else for the devices they own (looked up once for the batch). */
  private async senderOf(viewer: Viewer, readings: Reading[]): Promise<Sender> {
    const self = deviceOf(viewer);
    if (self) return { deviceId: self };
    const ids = [...new Set(readings.map((r) => r.deviceId))];
    const rows: { id: string }[] = ids.length ? await this.runtime.dataSource.query(`SELECT id FROM device WHERE owner_id = $1 AND id::text = ANY($2::text[])`, [viewer.userId, ids]) : [];
    return { ownedDevices: new Set(rows.map((r) => r.id)) };
  }

  /** Fire-and-forget (rule 4): the readings are stored; a live update lost to a Redis hiccup is not. */
  private announce(newest: Reading[]) {
    const byDevice = new Map<string, Reading[]>();
    for (const reading of newest) {
      const batch = byDevice.get(reading.deviceId);
      if (batch) batch.push(reading);
      else byDevice.set(reading.deviceId, [reading]);
    }
    for (const [deviceId, batch] of byDevice) {
      this.runtime.pubsub.publish<ReadingsIngested>(readingsChannel(deviceId), batch).catch((error) => this.runtime.logger.warn('live readings not published', { error: String(error) }));
    }
  }

  /** `telemetry(...)`: per bucket, computed in SQL over the (device_id, metric, at) primary key. */
  async history(args: { deviceId: string; metric: string; from: Date; to: Date; bucket: BucketSize }): Promise<Bucket[]> {
    requireViewer(this.viewer);
    if (!isMetricName(args.metric)) throw badUserInput('metric is not a metric name', 'metric');
    requireRange(args.from, args.to, args.bucket);
    const device = await this.devices.requireReadable(args.deviceId, 'deviceId');
    const rows: { start: Date; min: number; max: number; avg: number; count: number }[] = await this.runtime.dataSource.query(
      `SELECT date_bin($5::interval, at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS start, min(value) AS min, max(value) AS max, avg(value) AS avg, count(*)::int AS count
       FROM reading WHERE device_id = $1 AND metric = $2 AND at >= $3 AND at < $4
       GROUP BY 1 ORDER BY 1`,
      [device.id, args.metric, args.from.toISOString(), args.to.toISOString(), bucketInterval(args.bucket)],
    );
    return rows;
  }

  /** `telemetryUpdated`: authorized once, here; then the device's new readings, coalesced per metric. */
  async follow(deviceId: string, metrics: string[] | null | undefined): Promise<AsyncIterableIterator<Reading>> {
    requireViewer(this.viewer);
    if (metrics && (metrics.length > MAX_FILTER || !metrics.every(isMetricName))) throw badUserInput(`metrics must be up to ${MAX_FILTER} metric names`, 'metrics');
    const device = await this.devices.requireReadable(deviceId, 'deviceId');
    const wanted = metrics ? new Set(metrics) : null;
    const batches = this.runtime.pubsub.subscribe<ReadingsIngested>(readingsChannel(device.id), { bufferSize: 100 });
    return coalescedReadings(batches, (metric) => !wanted || wanted.has(metric));
  }
}
