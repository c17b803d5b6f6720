import { useQuery, useSubscription } from '@apollo/client/react';
import { DeviceDocument, TelemetryHistoryDocument, TelemetryUpdatedDocument } from '@supergraph/client-core';
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorMessage, Loading } from '../../components/Status';
import { Chart } from './Chart';
import { formatTime, formatValue } from './format';
import { LatestValue } from './LatestValue';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** One device: a metric's hourly history over the last 24 h, its min/max/avg, and its live value. */
export function DevicePage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { data, error, refetch } = useQuery(DeviceDocument, { variables: { id } });
  const device = data?.device;
  const metric = params.get('metric') ?? device?.metrics[0];
  // A device that has sent nothing yet: its first reading brings its metrics.
  useSubscription(TelemetryUpdatedDocument, { variables: { deviceId: id }, skip: !device || Boolean(metric), onData: () => void refetch() });

  if (error) return <ErrorMessage error={error} retry={() => void refetch()} />;
  if (!data) return <Loading what="Loading the device" />;
  if (!device) return <p className="empty">No such device.</p>;
  return (
    <section className="card">
      <Link to="/devices">← Devices</Link>
      <h1>{device.name}</h1>
      <p className="muted">
        {device.kind} · key {device.keyPrefix ? `${device.keyPrefix}…` : 'revoked'} · registered {formatTime(device.createdAt)}
      </p>
      {!metric ? (
        <p className="empty">This device has sent no readings yet.</p>
      ) : (
        <>
          <label className="metric-picker">
            Metric{' '}
            <select value={metric} onChange={(event) => setParams({ metric: event.target.value })}>
              {(device.metrics.includes(metric) ? device.metrics : [...device.metrics, metric]).map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
          <MetricHistory key={metric} deviceId={device.id} metric={metric} />
        </>
      )}
    </section>
  );
}

function MetricHistory({ deviceId, metric }: { deviceId: string; metric: string }) {
  // The window is fixed when the metric opens; its end lies a day ahead so that readings arriving while the page is open fall inside.
  const range = useMemo(() => {
    const to = new Date().getTime();
    return { from: to - DAY_MS, to };
  }, []);
  const history = useQuery(TelemetryHistoryDocument, {
    variables: { deviceId, metric, from: new Date(range.from).toISOString(), to: new Date(range.to + DAY_MS).toISOString(), bucket: 'HOUR' },
    fetchPolicy: 'cache-and-network',
  });
  // Updates arrive at most every 250 ms per metric (the server coalesces them); the history is read again with each.
  const live = useSubscription(TelemetryUpdatedDocument, { variables: { deviceId, metrics: [metric] }, onData: () => void history.refetch() });
  const reading = live.data?.telemetryUpdated;
  const buckets = history.data?.telemetry;

  return (
    <>
      <p className="live">
        Now: <strong data-testid="live-value">{reading ? formatValue(reading.value) : <LatestValue deviceId={deviceId} metric={metric} />}</strong>{' '}
        <span className="muted">{live.error ? 'live updates unavailable' : reading ? `live, at ${new Date(reading.at).toLocaleTimeString()}` : 'updates live'}</span>
      </p>
      {live.error && <ErrorMessage error={live.error} />}
      {history.error ? (
        <ErrorMessage error={history.error} retry={() => void history.refetch()} />
      ) : !buckets ? (
        <Loading what="Loading the history" />
      ) : buckets.length === 0 ? (
        <p className="empty">No {metric} readings in the last 24 hours.</p>
      ) : (
        <>
          <Chart buckets={buckets} from={range.from} to={Math.max(range.to, new Date(buckets[buckets.length - 1].start).getTime() + HOUR_MS)} label={`${metric}, hourly over the last 24 hours`} />
          <Summary buckets={buckets} />
        </>
      )}
    </>
  );
}

function Summary({ buckets }: { buckets: { min: number; max: number; avg: number; count: number }[] }) {
  const count = buckets.reduce((sum, b) => sum + b.count, 0);
  // The mean of the readings, not of the hourly means: each bucket weighs its count.
  const avg = buckets.reduce((sum, b) => sum + b.avg * b.count, 0) / count;
  return (
    <dl className="figures" data-testid="telemetry-summary">
      <div>
        <dt>Min</dt>
        <dd data-testid="min">{formatValue(Math.min(...buckets.map((b) => b.min)))}</dd>
      </div>
      <div>
        <dt>Max</dt>
        <dd data-testid="max">{formatValue(Math.max(...buckets.map((b) => b.max)))}</dd>
      </div>
      <div>
        <dt>Average</dt>
        <dd data-testid="avg">{formatValue(avg)}</dd>
      </div>
      <div>
        <dt>Readings</dt>
        <dd data-testid="count">{count}</dd>
      </div>
    </dl>
  );
}
