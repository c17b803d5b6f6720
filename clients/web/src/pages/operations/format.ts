const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** A `Long` byte count (a decimal string, exact beyond 2^53) in binary units: "5.0 GB". */
export function formatBytes(bytes: string | null | undefined): string {
  if (bytes == null) return '—';
  let whole = BigInt(bytes);
  let unit = 0;
  // Divide in BigInt down to < 1024^2, then the last step as a float keeps one exact decimal.
  while (whole >= 1024n * 1024n && unit < UNITS.length - 2) {
    whole /= 1024n;
    unit += 1;
  }
  const value = Number(whole);
  return value < 1024 ? `${value} ${UNITS[unit]}` : `${(value / 1024).toFixed(1)} ${UNITS[unit + 1]}`;
}

export const formatTime = (at: string | null | undefined) => (at ? new Date(at).toLocaleString() : 'never');

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export const formatPercent = (rate: number | null | undefined) => (rate == null ? '—' : `${(rate * 100).toFixed(1)} %`);

/** Up to three significant decimals, for sensor values. */
export const formatValue = (value: number | null | undefined) => (value == null ? '—' : String(Math.round(value * 1000) / 1000));
