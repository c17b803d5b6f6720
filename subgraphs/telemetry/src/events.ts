import type { Reading } from './domain/reading';

/**
 * Live readings of one device, on pub/sub: one message per ingested batch (never one per reading),
 * carrying the newest reading of each metric in it. Subscribers coalesce further (domain/coalesce.ts).
 */
export const readingsChannel = (deviceId: string) => `telemetry.reading.ingested.${deviceId}`;

/** What `readingsChannel` carries (`at` travels as an ISO string). */
export type ReadingsIngested = Reading[];
