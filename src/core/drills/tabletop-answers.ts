import { Duration } from '../objectives/duration.js';

/** An answer as typed, checked: the value, or a message saying what is expected instead. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** What the tabletop recorded for one step. */
export interface TabletopAnswer {
  /** Who does the step during a real failover; null when nobody took it. */
  owner: string | null;
  /** How long the owner thinks the step would take. */
  estimate: Duration;
  notes: string;
  /** Real time the group spent discussing the step. */
  discussedMs: number;
}

/**
 * The `--participants "alice, bob"` list: names trimmed, empty ones and repeats dropped.
 *
 * @example parseParticipants(' alice,bob,,alice ') // ['alice', 'bob']
 */
export function parseParticipants(text: string | undefined): string[] {
  return [...new Set((text ?? '').split(',').map((p) => p.trim()).filter((p) => p !== ''))];
}

/**
 * The owner answer: a name, a participant's number from the list shown, or nothing (no owner).
 *
 * @example parseOwner('2', ['alice', 'bob']) // { ok: true, value: 'bob' }
 */
export function parseOwner(text: string, participants: readonly string[]): Parsed<string | null> {
  const answer = text.trim();
  if (answer === '') return { ok: true, value: null };
  if (/^\d+$/.test(answer) && participants.length > 0) {
    const picked = participants[Number(answer) - 1];
    return picked === undefined
      ? { ok: false, message: `owner: expected a name or a number from 1 to ${participants.length}, got "${answer}"` }
      : { ok: true, value: picked };
  }
  return { ok: true, value: answer };
}

/**
 * The estimate answer: a duration such as `4m`, `90s` or `1h30m`; required.
 *
 * @example parseEstimate('soon') // { ok: false, message: 'estimate: expected a duration like "4m", "90s" or "1h30m", got "soon"' }
 */
export function parseEstimate(text: string): Parsed<Duration> {
  const answer = text.trim();
  if (answer === '') return { ok: false, message: 'estimate: an estimate is needed, a duration like "4m", "90s" or "1h30m"' };
  const value = Duration.tryParse(answer);
  return value ? { ok: true, value } : { ok: false, message: `estimate: expected a duration like "4m", "90s" or "1h30m", got "${answer}"` };
}
