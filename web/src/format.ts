/** Plain durations for people: 45s, 4m 30s, 2h 5m, 3d 4h. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return 'unknown';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const units: Array<[number, string]> = [[86_400, 'd'], [3600, 'h'], [60, 'm'], [1, 's']];
  const i = units.findIndex(([size]) => s >= size);
  const [big, bigName] = units[i] ?? [1, 's'];
  const [small, smallName] = units[i + 1] ?? [1, 's'];
  const rest = Math.floor((s % big) / small);
  return rest > 0 ? `${Math.floor(s / big)}${bigName} ${rest}${smallName}` : `${Math.floor(s / big)}${bigName}`;
}

/** "12m ago", "in 3d 4h", "just now". */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const diff = (Date.parse(iso) - now) / 1000;
  if (Math.abs(diff) < 5) return 'just now';
  return diff < 0 ? `${formatSeconds(-diff)} ago` : `in ${formatSeconds(diff)}`;
}

/** A timestamp as local date and time, to the second. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
