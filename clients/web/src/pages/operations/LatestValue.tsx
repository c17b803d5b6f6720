import { useQuery } from '@apollo/client/react';
import { DeviceLatestDocument } from '@supergraph/client-core';
import { formatTime, formatValue } from './format';

/** A device's newest reading of one metric (read from the cache once the device page or a live update has it). */
export function LatestValue({ deviceId, metric }: { deviceId: string; metric: string }) {
  const { data, error } = useQuery(DeviceLatestDocument, { variables: { id: deviceId, metric }, fetchPolicy: 'cache-and-network' });
  if (error) return <span className="muted">unavailable</span>;
  const latest = data?.device?.latest;
  if (!data) return <span className="muted">…</span>;
  if (!latest) return <span className="muted">no readings</span>;
  return (
    <span title={formatTime(latest.at)} data-testid={`latest-${metric}`}>
      {formatValue(latest.value)}
    </span>
  );
}
