/** One field of a 5-field cron expression: its bounds and, for months and weekdays, names. */
export interface CronFieldBounds {
  label: string;
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

export const MINUTE: CronFieldBounds = { label: 'minute', min: 0, max: 59 };
export const HOUR: CronFieldBounds = { label: 'hour', min: 0, max: 23 };
export const DAY_OF_MONTH: CronFieldBounds = { label: 'day of month', min: 1, max: 31 };
export const MONTH: CronFieldBounds = {
  label: 'month', min: 1, max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
export const DAY_OF_WEEK: CronFieldBounds = { label: 'day of week', min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** The values a field matches, and whether it was written as an unrestricted `*` or `?`. */
export interface CronFieldValues {
  values: number[];
  star: boolean;
}

/**
 * Parses one cron field with the grammar of robfig/cron v3, the parser Velero's Schedule controller
 * uses (`cron.ParseStandard`): comma lists of `*`, `?`, `N`, `N-M`, each with an optional `/step`;
 * `N/step` means `N-max/step`; names for months and weekdays; weekday 7 is not Sunday. A `*` with a
 * step above 1 is not "star" (robfig clears its star bit), which matters for day-of-month/day-of-week.
 *
 * @throws Error with robfig's reason, e.g. `hour: end of range (25) above maximum (23)`
 * @example parseCronField('*\/15', MINUTE).values // [0, 15, 30, 45]
 */
export function parseCronField(text: string, bounds: CronFieldBounds): CronFieldValues {
  const values = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const range = parseRange(part, bounds);
    star ||= range.star;
    for (let v = range.start; v <= range.end; v += range.step) values.add(v);
  }
  return { values: [...values].sort((a, b) => a - b), star };
}

interface Range {
  start: number;
  end: number;
  step: number;
  star: boolean;
}

type Fail = (why: string) => Error;

function parseRange(part: string, bounds: CronFieldBounds): Range {
  const fail: Fail = (why) => new Error(`${bounds.label}: ${why} in "${part}"`);
  const [range = '', stepText, extra] = part.split('/');
  if (extra !== undefined) throw fail('too many slashes');
  const step = stepText === undefined ? 1 : number(stepText, fail);
  if (step === 0) throw fail('step of range should be a positive number');
  const { start, end, wild } = endpoints(range, { bounds, stepped: stepText !== undefined, fail });
  if (start < bounds.min) throw fail(`beginning of range (${start}) below minimum (${bounds.min})`);
  if (end > bounds.max) throw fail(`end of range (${end}) above maximum (${bounds.max})`);
  if (start > end) throw fail(`beginning of range (${start}) beyond end of range (${end})`);
  return { start, end, step, star: wild && step === 1 };
}

/** `*`/`?` span the field; `N` alone is N, or N to the maximum when stepped (`5/15`); `N-M` as written. */
function endpoints(range: string, ctx: { bounds: CronFieldBounds; stepped: boolean; fail: Fail }): { start: number; end: number; wild: boolean } {
  const [low = '', high, more] = range.split('-');
  if (more !== undefined) throw ctx.fail('too many hyphens');
  if (low === '*' || low === '?') {
    if (high !== undefined) throw ctx.fail('a range cannot start with *');
    return { start: ctx.bounds.min, end: ctx.bounds.max, wild: true };
  }
  const start = value(low, ctx.bounds, ctx.fail);
  if (high !== undefined) return { start, end: value(high, ctx.bounds, ctx.fail), wild: false };
  return { start, end: ctx.stepped ? ctx.bounds.max : start, wild: false };
}

function value(text: string, bounds: CronFieldBounds, fail: Fail): number {
  const named = bounds.names?.[text.toLowerCase()];
  return named ?? number(text, fail);
}

function number(text: string, fail: Fail): number {
  if (!/^\d+$/.test(text)) throw fail(`"${text}" is not a number`);
  return Number(text);
}
