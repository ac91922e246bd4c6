import { Cron } from 'croner';
import { largestGap, parseVeleroCron, type CronSpec } from '../objectives/cron.js';
import type { Duration } from '../objectives/duration.js';

/**
 * The named drill cadences as cron schedules (UTC). A cadence names the slots a team books drills
 * in: weekly is Monday 09:00, monthly the 1st at 09:00, quarterly the 1st of January, April, July and
 * October at 09:00, yearly the 1st of January at 09:00. Their longest gaps between two slots (7d,
 * 31d, 92d, 366d) are how long a plan may go between two drills of that kind.
 */
export const NAMED_CADENCES: Readonly<Record<string, string>> = {
  weekly: '0 9 * * 1',
  monthly: '0 9 1 * *',
  quarterly: '0 9 1 1,4,7,10 *',
  yearly: '0 9 1 1 *',
};

/** Fixed start for gap calculations, so a cadence's interval does not depend on today's date. */
const REFERENCE = new Date(Date.UTC(2026, 0, 1));
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * A drill cadence (`weekly`... or a 5-field cron / @descriptor) as a cron expression.
 *
 * @example cadenceCron('weekly') // '0 9 * * 1'
 */
export function cadenceCron(cadence: string): string {
  return NAMED_CADENCES[cadence] ?? cadence;
}

/**
 * The longest a plan may go between two drills of a kind: the longest gap between two slots of its
 * cadence's cron; undefined when the cron is not valid (it cannot then make a drill overdue).
 *
 * @example drillInterval('quarterly')?.toString() // '92d'
 */
export function drillInterval(cadence: string): Duration | undefined {
  try {
    return largestGap(cadenceCron(cadence), REFERENCE);
  } catch {
    return undefined;
  }
}

/**
 * The first slot of the cadence strictly after `after` (UTC; a CRON_TZ= prefix is ignored, as in
 * the gap math), or undefined when the cron is invalid or never runs again.
 *
 * @example nextSlot('weekly', new Date('2026-03-04T12:00:00Z'))?.toISOString() // '2026-03-09T09:00:00.000Z'
 */
export function nextSlot(cadence: string, after: Date): Date | undefined {
  const spec = specOf(cadence);
  if (!spec) return undefined;
  if (spec.kind === 'interval') return new Date(after.getTime() + spec.interval.toMilliseconds());
  const days = new Cron(spec.dayPattern, { timezone: 'UTC', domAndDow: spec.domAndDow, mode: '5-part', paused: true });
  const minutes = [...spec.minutesOfDay].sort((a, b) => a - b);
  const firstDay = Math.floor(after.getTime() / DAY_MS) * DAY_MS;
  // The first matching day may have no slot left after `after`; the next matching day always has one.
  let day = days.nextRun(new Date(firstDay - 1000));
  for (let tries = 0; day !== null && tries < 2; tries++) {
    const start = day.getTime();
    const slot = minutes.map((m) => start + m * MINUTE_MS).find((t) => t > after.getTime());
    if (slot !== undefined) return new Date(slot);
    day = days.nextRun(day);
  }
  return undefined;
}

function specOf(cadence: string): CronSpec | undefined {
  try {
    return parseVeleroCron(cadenceCron(cadence));
  } catch {
    return undefined;
  }
}
