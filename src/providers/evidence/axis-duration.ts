/**
 * Seconds as a short signed duration for chart axes and markers: `0`, `45s`, `-12s`, `5m`, `1h30m`,
 * `1.5s`, `250ms`.
 */
export function axisDuration(seconds: number): string {
  if (seconds === 0) return '0';
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  if (s < 1) return `${sign}${Math.round(s * 1000)}ms`;
  if (s < 60) return `${sign}${Number.isInteger(s) ? s : s.toFixed(1)}s`;
  const parts: string[] = [];
  let rest = Math.round(s);
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return `${sign}${parts.slice(0, 2).join('')}`;
}

const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/** The smallest round step (1s, 2s, 5s, ..., 15m, 30m, 1h, ..., 1d, then whole days) at least `seconds`. */
export function niceStep(seconds: number): number {
  if (seconds <= 1) return seconds <= 0 ? 1 : [0.1, 0.2, 0.5, 1].find((s) => s >= seconds) ?? 1;
  return steps.find((s) => s >= seconds) ?? Math.ceil(seconds / 86_400) * 86_400;
}
