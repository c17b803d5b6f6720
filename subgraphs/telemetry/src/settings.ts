import { z } from 'zod';

/** What telemetry reads from its environment (its own process or the embedded default). */
export const settings = z.object({
  /** Readings older than this are purged, and refused at ingest. */
  TELEMETRY_RETENTION_DAYS: z.coerce.number({ error: 'must be a number of days' }).int('must be a whole number of days').min(1, 'must be at least 1').max(3650, 'must be at most 3650').default(30),
});

export type Settings = z.infer<typeof settings>;

export const retentionMs = (s: Settings) => s.TELEMETRY_RETENTION_DAYS * 86_400_000;
