import { badUserInput } from '@supergraph/errors';
import { isUuid } from '@supergraph/service-kit';
import type { BackupJobStatus } from '../entities/BackupJob';
import { MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES } from './health';

/** Checks of every input, before anything is read or written: bad input changes nothing. */

const MAX_NAME = 100;
const MAX_HOSTNAME = 253;
const MAX_ERROR = 2000;
const MAX_RETENTION_DAYS = 3650;
const MAX_BYTES = 2n ** 63n - 1n;
/** An agent's clock may run a little ahead of ours; further than this is a bad timestamp. */
const CLOCK_SKEW_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
/** Older reports (and report ranges longer than this) are refused. */
const MAX_AGE_MS = 366 * DAY_MS;

function text(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > max) throw badUserInput(`${field} must be 1 to ${max} characters`, field);
  return trimmed;
}

function intIn(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badUserInput(`${field} must be a whole number from ${min} to ${max}`, field);
  return value;
}

export function uuid(value: string, field: string): string {
  if (!isUuid(value)) throw badUserInput(`${field} is not a valid id`, field);
  return value;
}

/** A DateTime argument: the scalar has parsed it to a Date already (codegen types it as its wire form). */
function instant(value: string | Date, field: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw badUserInput(`${field} is not a valid date`, field);
  return date;
}

export function parsePolicyInput(input: { name: string; expectedIntervalMinutes: number; retentionDays: number }) {
  return {
    name: text(input.name, 'input.name', MAX_NAME),
    expectedIntervalMinutes: intIn(input.expectedIntervalMinutes, 'input.expectedIntervalMinutes', MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES),
    retentionDays: intIn(input.retentionDays, 'input.retentionDays', 1, MAX_RETENTION_DAYS),
  };
}

export function parseAgentInput(input: { hostname: string; os: string; policyId: string }) {
  return { hostname: text(input.hostname, 'input.hostname', MAX_HOSTNAME), os: text(input.os, 'input.os', MAX_NAME), policyId: uuid(input.policyId, 'input.policyId') };
}

export interface JobReport {
  status: BackupJobStatus;
  startedAt: Date;
  finishedAt: Date | null;
  sizeBytes: string | null;
  fileCount: number | null;
  error: string | null;
}

export function parseJobReport(
  input: { status: BackupJobStatus; startedAt: string | Date; finishedAt?: string | Date | null; sizeBytes?: string | null; fileCount?: number | null; error?: string | null },
  now: Date,
): JobReport {
  const latest = now.getTime() + CLOCK_SKEW_MS;
  const startedAt = instant(input.startedAt, 'input.startedAt');
  if (startedAt.getTime() > latest) throw badUserInput('startedAt is in the future', 'input.startedAt');
  if (startedAt.getTime() < now.getTime() - MAX_AGE_MS) throw badUserInput('startedAt is more than 366 days ago', 'input.startedAt');
  const finished = input.status !== 'STARTED';
  let finishedAt: Date | null = null;
  if (input.finishedAt != null) {
    if (!finished) throw badUserInput('A STARTED job has no finishedAt', 'input.finishedAt');
    finishedAt = instant(input.finishedAt, 'input.finishedAt');
    if (finishedAt < startedAt) throw badUserInput('finishedAt is before startedAt', 'input.finishedAt');
    if (finishedAt.getTime() > latest) throw badUserInput('finishedAt is in the future', 'input.finishedAt');
  } else if (finished) {
    throw badUserInput(`A ${input.status} job needs finishedAt`, 'input.finishedAt');
  }
  const error = input.error == null ? null : text(input.error, 'input.error', MAX_ERROR);
  if (error !== null && input.status !== 'FAILED') throw badUserInput('error goes with FAILED only', 'input.error');
  return {
    status: input.status,
    startedAt,
    finishedAt,
    sizeBytes: input.sizeBytes == null ? null : bytes(input.sizeBytes),
    fileCount: input.fileCount == null ? null : intIn(input.fileCount, 'input.fileCount', 0, 2 ** 31 - 1),
    error,
  };
}

function bytes(value: string): string {
  const size = BigInt(value);
  if (size < 0n || size > MAX_BYTES) throw badUserInput('sizeBytes must be from 0 to 2^63 - 1', 'input.sizeBytes');
  return size.toString();
}

/** A report's range: `from` before `to`, at most 366 days apart. */
export function parseRange(fromValue: string | Date, toValue: string | Date) {
  const from = instant(fromValue, 'from');
  const to = instant(toValue, 'to');
  if (to <= from) throw badUserInput('to must be after from', 'to');
  if (to.getTime() - from.getTime() > MAX_AGE_MS) throw badUserInput('The range spans at most 366 days', 'to');
  return { from, to };
}

export const hostnameSearch = (value: string) => text(value, 'filter.hostname', MAX_NAME);
