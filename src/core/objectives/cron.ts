import { Cron } from 'croner';
import { InputError } from '../errors.js';
import { DAY_OF_MONTH, DAY_OF_WEEK, HOUR, MINUTE, MONTH, parseCronField } from './cron-field.js';
import { Duration } from './duration.js';
import { parseGoDuration } from './parse-go-duration.js';

/**
 * A Velero schedule expression, parsed. `interval` for `@every <duration>` (runs at fixed spacing
 * from the last backup); `calendar` for 5-field cron and the @-descriptors, split into the minutes of
 * the day it runs at and the croner pattern of the days it runs on (UTC).
 */
export type CronSpec =
  | { kind: 'interval'; expression: string; interval: Duration; timezone?: string }
  | { kind: 'calendar'; expression: string; minutesOfDay: number[]; dayPattern: string; domAndDow: boolean; weekly: boolean; timezone?: string };

const DESCRIPTORS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};
const DAY_MS = 86_400_000;
/** Eight years: every leap-day and month-length pattern repeats within it (until 2100). */
const DEFAULT_HORIZON = Duration.days(8 * 365 + 2);
/** Fixed start for averages, so results do not depend on the clock (core reads no clock). */
const REFERENCE_START = new Date(Date.UTC(2024, 0, 1));
/** Two weeks: twice the period of an expression that depends on the weekday alone. */
const WEEKLY_WINDOW = Duration.days(14);

/**
 * Parses a schedule the way Velero does (robfig/cron v3 `ParseStandard`): 5-field cron, the
 * descriptors @yearly/@annually/@monthly/@weekly/@daily/@midnight/@hourly, `@every <Go duration>`
 * (rounded down to whole seconds, at least 1s), and an optional `CRON_TZ=`/`TZ=` prefix, which is
 * recorded; gaps are computed in UTC, so they ignore daylight-saving shifts.
 *
 * @throws InputError with path `schedule` and the reason Velero would give.
 * @example parseVeleroCron('@every 6h') // { kind: 'interval', interval: Duration.hours(6), ... }
 */
export function parseVeleroCron(expr: string): CronSpec {
  try {
    return parse(expr);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError([{ path: 'schedule', message: `"${expr}" is not a schedule Velero accepts: ${(error as Error).message}` }], { cause: error });
  }
}

function parse(expr: string): CronSpec {
  const tz = /^(?:CRON_TZ|TZ)=(\S+)\s+/.exec(expr.trim());
  const body = expr.trim().slice(tz?.[0].length ?? 0).trim();
  const tzField = tz?.[1] === undefined ? {} : { timezone: tz[1] };
  if (body.startsWith('@every')) return { kind: 'interval', expression: expr, interval: everyInterval(body.slice(6).trim()), ...tzField };
  return { ...calendar(expr, body), ...tzField };
}

function calendar(expr: string, body: string): CronSpec {
  const descriptor = DESCRIPTORS[body.toLowerCase()];
  if (body.startsWith('@') && descriptor === undefined) throw new Error(`unrecognized descriptor "${body}"`);
  const fields = (descriptor ?? body).split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}`);
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const minutes = parseCronField(minute, MINUTE).values;
  const hours = parseCronField(hour, HOUR).values;
  const days = parseCronField(dom, DAY_OF_MONTH);
  const weekdays = parseCronField(dow, DAY_OF_WEEK);
  const months = parseCronField(month, MONTH).values;
  return {
    kind: 'calendar',
    expression: expr,
    minutesOfDay: hours.flatMap((h) => minutes.map((m) => h * 60 + m)),
    dayPattern: `0 0 ${days.values.join(',')} ${months.join(',')} ${weekdays.values.join(',')}`,
    // robfig: when either day field is a star, a day must match both; otherwise either.
    domAndDow: days.star || weekdays.star,
    // Every day of every month allowed: which days run depends on the weekday alone.
    weekly: days.values.length === 31 && months.length === 12,
  };
}

function everyInterval(text: string): Duration {
  const d = parseGoDuration(text);
  if (d === undefined) throw new Error(`"${text}" is not a Go duration like "6h" or "1h30m"`);
  return Duration.seconds(Math.max(1, Math.floor(d.toSeconds())));
}

/**
 * The longest time between two consecutive runs that start within `horizon` of `from` (UTC). Runs
 * are enumerated for real: croner lists the days the expression matches, each carrying the same
 * minutes of the day, so irregular months (`0 0 31 * *`), weekday-only schedules (`0 2 * * 1-5`, 72h
 * over the weekend) and uneven steps (`0 *\/5 * * *`, 5h apart but 4h across midnight) come out exact.
 * The default horizon of eight years covers leap-day schedules.
 *
 * @throws InputError when the expression is invalid or runs on fewer than two days in the horizon.
 * @example largestGap('0 2 * * 1-5', new Date('2026-01-01T00:00:00Z')).toString() // '3d'
 */
export function largestGap(expr: string, from: Date, horizon: Duration = DEFAULT_HORIZON): Duration {
  const spec = parseVeleroCron(expr);
  if (spec.kind === 'interval') return spec.interval;
  const { days } = matchingDays(spec, from, horizon);
  if (days.length < 2) {
    throw new InputError([{ path: 'schedule', message: `"${expr}" runs on fewer than two days within ${horizon.toString()}, so its largest gap is longer than that` }]);
  }
  const times = spec.minutesOfDay;
  const span = (times.at(-1) ?? 0) - (times[0] ?? 0);
  // Within a day runs follow the minutes-of-day list; across days, the last run of one matching day
  // is followed by the first run of the next matching day.
  const withinDay = Math.max(0, ...steps(times));
  const acrossDays = Math.max(...steps(days).map((d) => d * 1440 - span));
  return Duration.minutes(Math.max(withinDay, acrossDays));
}

/** Differences between consecutive numbers of a sorted list. */
function steps(sorted: readonly number[]): number[] {
  return sorted.slice(1).map((n, i) => n - (sorted[i] ?? n));
}

/**
 * Average runs per day over the horizon (eight years from a fixed start by default).
 *
 * @example runsPerDay('0 *\/6 * * *') // 4
 */
export function runsPerDay(expr: string, from: Date = REFERENCE_START, horizon: Duration = DEFAULT_HORIZON): number {
  const spec = parseVeleroCron(expr);
  if (spec.kind === 'interval') return DAY_MS / spec.interval.toMilliseconds();
  const { days, window } = matchingDays(spec, from, horizon);
  return (days.length * spec.minutesOfDay.length) / (window.toMilliseconds() / DAY_MS);
}

/**
 * Day numbers (days since the epoch, UTC) on which the expression runs, from `from` over the window
 * actually scanned: the horizon, cut to two weeks for weekday-only expressions (their gaps repeat
 * weekly, and scanning eight years of them would take croner a noticeable fraction of a second).
 */
function matchingDays(spec: Extract<CronSpec, { kind: 'calendar' }>, from: Date, horizon: Duration): { days: number[]; window: Duration } {
  const window = spec.weekly && horizon.isLongerThan(WEEKLY_WINDOW) ? WEEKLY_WINDOW : horizon;
  const cron = new Cron(spec.dayPattern, { timezone: 'UTC', domAndDow: spec.domAndDow, mode: '5-part', paused: true });
  const firstDay = Math.floor(from.getTime() / DAY_MS);
  const end = firstDay * DAY_MS + window.toMilliseconds();
  const days: number[] = [];
  for (let next = cron.nextRun(new Date(firstDay * DAY_MS - 1000)); next !== null && next.getTime() < end; next = cron.nextRun(next)) {
    days.push(Math.floor(next.getTime() / DAY_MS));
  }
  return { days, window };
}
