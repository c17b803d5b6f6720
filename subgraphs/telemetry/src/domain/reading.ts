/** A reading as GraphQL shows it (`Reading`), and as pub/sub carries it (with `at` as an ISO string there). */
export interface Reading {
  deviceId: string;
  metric: string;
  value: number;
  at: Date;
}

/** Most readings in one `ingestTelemetry` call. */
export const MAX_BATCH = 5000;

/** How far ahead of the server's clock a reading may be (device clocks drift). */
export const MAX_AHEAD_MS = 5 * 60_000;

const METRIC = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

/** A letter, then up to 63 letters, digits, `_ . : -`: short enough to index, plain enough to show anywhere. */
export const isMetricName = (metric: string) => METRIC.test(metric);

export type RejectionCode = 'UNKNOWN_DEVICE' | 'WRONG_DEVICE' | 'INVALID_METRIC' | 'INVALID_VALUE' | 'IN_FUTURE' | 'TOO_OLD' | 'DUPLICATE';

export interface Rejection {
  index: number;
  code: RejectionCode;
  reason: string;
}

/** Who sends a batch: a device's key (for that device only) or a user (for the devices they own). */
export type Sender = { deviceId: string } | { ownedDevices: ReadonlySet<string> };

/**
 * Checks one reading on its own, against the sender, the clock and the retention window;
 * `seen` holds the keys of earlier readings of the batch. Returns why it is refused, or null.
 */
export function rejectionOf(reading: Reading, sender: Sender, window: { now: number; oldest: number }, seen: Set<string>): Omit<Rejection, 'index'> | null {
  if ('deviceId' in sender) {
    if (reading.deviceId !== sender.deviceId) return { code: 'WRONG_DEVICE', reason: `this key writes only for device ${sender.deviceId}` };
  } else if (!sender.ownedDevices.has(reading.deviceId)) return { code: 'UNKNOWN_DEVICE', reason: 'no device of yours has this id' };
  if (!isMetricName(reading.metric)) return { code: 'INVALID_METRIC', reason: 'metric must be 1 to 64 characters: a letter, then letters, digits, _ . : or -' };
  if (!Number.isFinite(reading.value)) return { code: 'INVALID_VALUE', reason: 'value must be a finite number' };
  const at = reading.at.getTime();
  if (at > window.now + MAX_AHEAD_MS) return { code: 'IN_FUTURE', reason: 'at is more than 5 minutes ahead of the server clock' };
  if (at < window.oldest) return { code: 'TOO_OLD', reason: `at is older than the retention period (${new Date(window.oldest).toISOString()})` };
  const key = `${reading.deviceId} ${reading.metric} ${at}`;
  if (seen.has(key)) return { code: 'DUPLICATE', reason: 'the same device, metric and at appear earlier in the batch' };
  seen.add(key);
  return null;
}

/** The newest reading per device and metric: what `reading_latest` and live subscribers get from a batch. */
export function newestPerMetric(readings: Reading[]): Reading[] {
  const newest = new Map<string, Reading>();
  for (const reading of readings) {
    const key = `${reading.deviceId} ${reading.metric}`;
    const known = newest.get(key);
    if (!known || reading.at > known.at) newest.set(key, reading);
  }
  // Sorted, so that concurrent batches lock reading_latest rows in one order and never deadlock.
  return [...newest.values()].sort((a, b) => (a.deviceId + a.metric < b.deviceId + b.metric ? -1 : 1));
}

/** DateTime arguments arrive as Dates (the scalar parses them), though codegen types inputs as strings. */
export const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));
