import type { CallOptions, SupergraphClient } from './client.js';
import type { IngestTelemetryMutation, ReadingInput } from './__generated__/operations.js';

/** The most readings the API takes in one `ingestTelemetry` call. */
export const MAX_READINGS_PER_CALL = 5_000;

export type IngestSummary = IngestTelemetryMutation['ingestTelemetry'] & {
  /** The `ingestTelemetry` calls made. */
  calls: number;
};

export interface IngestOptions extends CallOptions {
  /** Readings per call, 1 to 5,000 (default). */
  batchSize?: number;
}

/**
 * A call of `ingestReadings` failed: the batches before it are stored (`completed`), the one from
 * `resumeAt` on may or may not be. Resending from `resumeAt` is safe: the API keeps the first
 * value of a reading it already has (same device, metric and `at`) and counts it as accepted.
 */
export class IngestBatchError extends Error {
  constructor(
    readonly completed: IngestSummary,
    readonly resumeAt: number,
    cause: unknown,
  ) {
    super(`Ingest failed at the batch starting at reading ${resumeAt}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'IngestBatchError';
  }
}

/**
 * Sends `readings` in calls of at most `batchSize`, one after the other, and sums what the API
 * answered; each rejection's `index` is the reading's position in `readings`. A failed call is
 * not sent again (mutations never are): it throws an `IngestBatchError` saying where to resume.
 */
export async function ingestReadings(sdk: Pick<SupergraphClient, 'ingestTelemetry'>, readings: readonly ReadingInput[], options: IngestOptions = {}): Promise<IngestSummary> {
  const { batchSize = MAX_READINGS_PER_CALL, ...callOptions } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_READINGS_PER_CALL) throw new RangeError(`batchSize must be 1 to ${MAX_READINGS_PER_CALL}`);
  const summary: IngestSummary = { accepted: 0, rejected: 0, rejections: [], calls: 0 };
  for (let offset = 0; offset < readings.length; offset += batchSize) {
    let result: IngestTelemetryMutation;
    try {
      result = await sdk.ingestTelemetry({ readings: readings.slice(offset, offset + batchSize) }, callOptions);
    } catch (error) {
      throw new IngestBatchError(summary, offset, error);
    }
    const { accepted, rejected, rejections } = result.ingestTelemetry;
    summary.calls++;
    summary.accepted += accepted;
    summary.rejected += rejected;
    for (const rejection of rejections) summary.rejections.push({ ...rejection, index: offset + rejection.index });
  }
  return summary;
}
