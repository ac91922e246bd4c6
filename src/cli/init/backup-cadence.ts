import { Duration } from '../../core/objectives/duration.js';

/** A backup schedule's cron and how long one backup is assumed to take. */
export interface BackupCadence {
  cron: string;
  interval: Duration;
  expectedDuration: Duration;
}

/** Intervals (minutes) that divide an hour or a day evenly, so the cron's runs are evenly spaced. */
const INTERVALS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440] as const;

/**
 * The least frequent evenly spaced cron whose worst case (interval plus one backup's duration) still
 * fits the RPO; every minute when even that does not fit.
 *
 * @example backupCadence(Duration.hours(1)).cron // '*\/30 * * * *' (30m + 5m fits 1h; 60m + 5m does not)
 */
export function backupCadence(rpo: Duration): BackupCadence {
  const expectedDuration = rpo.isLongerThan(Duration.minutes(30)) ? Duration.minutes(5) : Duration.minutes(1);
  const fits = INTERVALS.filter((m) => !Duration.minutes(m).plus(expectedDuration).isLongerThan(rpo));
  const minutes = fits.at(-1) ?? 1;
  return { cron: cronEvery(minutes), interval: Duration.minutes(minutes), expectedDuration };
}

function cronEvery(minutes: number): string {
  if (minutes === 1) return '* * * * *';
  if (minutes < 60) return `*/${minutes} * * * *`;
  if (minutes === 60) return '0 * * * *';
  if (minutes === 1440) return '0 0 * * *';
  return `0 */${minutes / 60} * * *`;
}
