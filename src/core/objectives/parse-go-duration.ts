import { Duration } from './duration.js';

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const GO_DURATION = /^(\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;

/**
 * Parses a duration exactly as Go's `time.ParseDuration` accepts it, which is what Velero reads in
 * `ttl` (`720h0m0s`) and robfig/cron in `@every 1h30m`. Unlike Duration.parse it rejects `d` and `w`
 * (Go has no day unit, so Velero would refuse `30d`); negative values are refused too, since neither a
 * ttl nor an interval can be negative. Sub-millisecond parts are rounded to milliseconds.
 *
 * @example parseGoDuration('720h0m0s')?.toString() // '30d'
 * @example parseGoDuration('30d') // undefined
 */
export function parseGoDuration(text: string): Duration | undefined {
  let rest = text.startsWith('+') ? text.slice(1) : text;
  if (rest === '0') return Duration.zero;
  if (rest === '') return undefined;
  let total = 0;
  while (rest !== '') {
    const m = GO_DURATION.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * (UNIT_MS[m[3] ?? ''] ?? Number.NaN);
    rest = rest.slice(m[0].length);
  }
  return Number.isFinite(total) ? Duration.milliseconds(total) : undefined;
}
