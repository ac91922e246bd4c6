/**
 * A non-negative span of time, held in milliseconds. Parses the forms platform engineers write:
 * Go/Kubernetes style (`90s`, `15m`, `1h30m`, `720h`, `1.5h`, `500ms`), `d`/`w` suffixes, and ISO 8601
 * (`PT1H`, `P1D`).
 *
 * @example Duration.parse('15m').toSeconds() // 900
 */
export class Duration {
  private constructor(private readonly ms: number) {}

  static milliseconds(n: number): Duration {
    if (!Number.isFinite(n) || n < 0) throw new RangeError(`duration must be a finite non-negative number, got ${n}`);
    return new Duration(Math.round(n));
  }
  static seconds(n: number): Duration { return Duration.milliseconds(n * 1000); }
  static minutes(n: number): Duration { return Duration.milliseconds(n * 60_000); }
  static hours(n: number): Duration { return Duration.milliseconds(n * 3_600_000); }
  static days(n: number): Duration { return Duration.milliseconds(n * 86_400_000); }
  static readonly zero = new Duration(0);

  /** Parses a duration string; returns undefined when it is not one. */
  static tryParse(text: string): Duration | undefined {
    const s = text.trim();
    if (s === '0') return Duration.zero;
    return parseGo(s) ?? parseIso(s);
  }

  /** Parses a duration string; throws RangeError naming the accepted forms when it is not one. */
  static parse(text: string): Duration {
    const d = Duration.tryParse(text);
    if (!d) throw new RangeError(`expected a duration like "15m", "1h30m" or "PT1H", got "${text}"`);
    return d;
  }

  toMilliseconds(): number { return this.ms; }
  toSeconds(): number { return this.ms / 1000; }
  toMinutes(): number { return this.ms / 60_000; }
  plus(other: Duration): Duration { return new Duration(this.ms + other.ms); }
  minus(other: Duration): Duration { return new Duration(Math.max(0, this.ms - other.ms)); }
  times(factor: number): Duration { return Duration.milliseconds(this.ms * factor); }
  compare(other: Duration): number { return Math.sign(this.ms - other.ms); }
  isLongerThan(other: Duration): boolean { return this.ms > other.ms; }
  isShorterThan(other: Duration): boolean { return this.ms < other.ms; }
  equals(other: Duration): boolean { return this.ms === other.ms; }
  static max(...ds: Duration[]): Duration { return ds.reduce((a, b) => (b.ms > a.ms ? b : a), Duration.zero); }
  static sum(ds: readonly Duration[]): Duration { return ds.reduce((a, b) => a.plus(b), Duration.zero); }

  /** Compact human form: `1h30m`, `45s`, `2d4h`, `250ms`. */
  toString(): string {
    if (this.ms === 0) return '0s';
    if (this.ms < 1000) return `${this.ms}ms`;
    let rest = Math.round(this.ms / 1000);
    const parts: string[] = [];
    for (const [unit, size] of UNITS_DESC) {
      const n = Math.floor(rest / size);
      if (n > 0) { parts.push(`${n}${unit}`); rest -= n * size; }
    }
    return parts.join('');
  }
  toJSON(): string { return this.toString(); }
}

const UNITS_DESC: ReadonlyArray<[string, number]> = [['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1]];
const GO_UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

function parseGo(s: string): Duration | undefined {
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d|w))+$/.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) {
    total += Number(m[1]) * (GO_UNIT_MS[m[2] ?? ''] ?? 0);
  }
  return Duration.milliseconds(total);
}

function parseIso(s: string): Duration | undefined {
  const m = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(s);
  if (!m || s === 'P' || s.endsWith('T')) return undefined;
  const [w, d, h, min, sec] = m.slice(1).map((x) => Number(x ?? 0));
  return Duration.milliseconds((((w ?? 0) * 7 + (d ?? 0)) * 86_400 + (h ?? 0) * 3600 + (min ?? 0) * 60 + (sec ?? 0)) * 1000);
}
