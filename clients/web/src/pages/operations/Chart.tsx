import type { TelemetryHistoryQuery } from '@supergraph/client-core';
import { formatValue } from './format';

type Bucket = TelemetryHistoryQuery['telemetry'][number];

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };

/** Hourly averages as a line over the min–max band, in inline SVG: time on x (from..to), value on y. */
export function Chart({ buckets, from, to, label }: { buckets: Bucket[]; from: number; to: number; label: string }) {
  const low = Math.min(...buckets.map((b) => b.min));
  const high = Math.max(...buckets.map((b) => b.max));
  // A flat series still gets some height.
  const span = high - low || 1;
  const x = (at: string) => PAD.left + ((new Date(at).getTime() - from) / (to - from)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => PAD.top + (1 - (value - low) / span) * (HEIGHT - PAD.top - PAD.bottom);
  const line = buckets.map((b) => `${x(b.start).toFixed(1)},${y(b.avg).toFixed(1)}`).join(' ');
  const band = [...buckets.map((b) => `${x(b.start).toFixed(1)},${y(b.max).toFixed(1)}`), ...buckets.toReversed().map((b) => `${x(b.start).toFixed(1)},${y(b.min).toFixed(1)}`)].join(' ');
  const hours = [0, 6, 12, 18, 24].map((h) => new Date(from + (h / 24) * (to - from)));

  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} data-testid="chart">
      <polygon points={band} className="chart-band" />
      <polyline points={line} className="chart-line" />
      {buckets.map((b) => (
        <circle key={b.start} cx={x(b.start)} cy={y(b.avg)} r={2.5} className="chart-point">
          <title>{`${new Date(b.start).toLocaleTimeString()}: avg ${formatValue(b.avg)} (min ${formatValue(b.min)}, max ${formatValue(b.max)}, ${b.count} readings)`}</title>
        </circle>
      ))}
      <text x={PAD.left - 6} y={y(high) + 4} textAnchor="end" className="chart-axis">
        {formatValue(high)}
      </text>
      <text x={PAD.left - 6} y={y(low) + 4} textAnchor="end" className="chart-axis">
        {formatValue(low)}
      </text>
      {hours.map((at, i) => (
        <text key={at.getTime()} x={x(at.toISOString())} y={HEIGHT - 8} textAnchor={i === 0 ? 'start' : i === hours.length - 1 ? 'end' : 'middle'} className="chart-axis">
          {at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
        </text>
      ))}
    </svg>
  );
}
