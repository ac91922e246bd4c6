import type { Duration } from '../objectives/duration.js';

/**
 * Formats a Duration the way Go's `time.Duration.String()` does, which is how Velero and
 * Kubernetes print durations back: `720h0m0s`, `5m0s`, `30s`, `1.5s`, `250ms`.
 * Rendering in Go's own form keeps `kubectl diff` quiet after Velero round-trips a manifest.
 *
 * @example formatGoDuration(Duration.hours(720)) // '720h0m0s'
 */
export function formatGoDuration(d: Duration): string {
  const ms = d.toMilliseconds();
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = formatSeconds(ms % 60_000);
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

function formatSeconds(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const frac = ms % 1000;
  if (frac === 0) return String(whole);
  return `${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
}
