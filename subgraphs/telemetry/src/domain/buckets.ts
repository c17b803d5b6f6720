import { badUserInput } from '@supergraph/errors';

export type BucketSize = 'MINUTE' | 'HOUR' | 'DAY';

const BUCKET_MS: Record<BucketSize, number> = { MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 };

/** Most buckets one `telemetry` range may span (a week of minutes, over a year of hours). */
export const MAX_BUCKETS = 10_000;

/** The PostgreSQL interval of a bucket size, for `date_bin`. */
export const bucketInterval = (size: BucketSize) => `1 ${size.toLowerCase()}`;

/** `from` < `to`, and no more than MAX_BUCKETS buckets between them (counting the partial ones at each end). */
export function requireRange(from: Date, to: Date, size: BucketSize) {
  if (!(size in BUCKET_MS)) throw badUserInput('bucket must be MINUTE, HOUR or DAY', 'bucket');
  if (from.getTime() >= to.getTime()) throw badUserInput('from must be before to', 'to');
  const step = BUCKET_MS[size];
  const buckets = Math.floor((to.getTime() - 1) / step) - Math.floor(from.getTime() / step) + 1;
  if (buckets > MAX_BUCKETS) throw badUserInput(`the range spans ${buckets} buckets; at most ${MAX_BUCKETS}`, 'to', { max: MAX_BUCKETS });
}
