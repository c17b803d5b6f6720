import { graphql } from '@supergraph/testkit';
import type { Client } from './supergraph';

export interface ReadingInput {
  deviceId: string;
  metric: string;
  value: number;
  at: string;
}

export const INGEST = 'mutation($r: [ReadingInput!]!) { ingestTelemetry(readings: $r) { accepted rejected rejections { index code reason } } }';
export const HISTORY =
  'query($d: ID!, $m: String!, $from: DateTime!, $to: DateTime!, $b: BucketSize!) { telemetry(deviceId: $d, metric: $m, from: $from, to: $to, bucket: $b) { start min max avg count } }';

/** A device of `owner`'s, registered through the router, with its API key. */
export async function registerDevice(owner: Client, name = 'sensor', kind = 'thermometer'): Promise<{ id: string; apiKey: string }> {
  const { registerDevice } = await owner.data('mutation($i: RegisterDeviceInput!) { registerDevice(input: $i) { device { id } apiKey } }', { i: { name, kind } });
  return { id: registerDevice.device.id, apiKey: registerDevice.apiKey };
}

/** `ingestTelemetry` sent with a device's key, as a device would. */
export function ingestAs(url: string, apiKey: string, readings: ReadingInput[]) {
  return graphql(url, INGEST, { r: readings }, { 'x-api-key': apiKey });
}
