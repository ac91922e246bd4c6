import type { EntryKind, EntryOf, JournalEntry } from './journal-entry.js';

type Formatters = { [K in EntryKind]: (e: EntryOf<K>) => string };

/** One line per kind (after zx's LogFormatters); a kind without a formatter is a type error. */
const formatters: Formatters = {
  'run-started': (e) => `run ${e.runId} of plan ${e.plan} started by ${e.actor} (plan ${e.planHash.slice(0, 12)})`,
  'run-resumed': (e) => `run resumed by ${e.actor}`,
  'step-started': (e) => `step ${e.step} started (attempt ${e.attempt})`,
  'step-succeeded': (e) => `step ${e.step} succeeded (attempt ${e.attempt})`,
  'step-failed': (e) => `step ${e.step} failed (attempt ${e.attempt}, ${e.retryable ? 'retryable' : 'permanent'}): ${e.error}`,
  'step-timed-out': (e) => `step ${e.step} ran past its budget of ${formatMs(e.budgetMs)} (attempt ${e.attempt})`,
  'step-retry-scheduled': (e) => `step ${e.step} will retry in ${formatMs(e.delayMs)} (at ${e.until})`,
  'gate-waiting': (e) => `gate ${e.gate} waiting for ${e.approvals} approval${e.approvals === 1 ? '' : 's'}`,
  'gate-approved': (e) => `gate ${e.gate} approved by ${e.approver}${e.reason ? `: ${e.reason}` : ''}`,
  'gate-rejected': (e) => `gate ${e.gate} rejected by ${e.approver}: ${e.reason}`,
  'compensation-started': (e) => `undoing step ${e.step} (${e.action})`,
  'compensation-succeeded': (e) => `undid step ${e.step} (${e.action})`,
  'compensation-failed': (e) => `could not undo step ${e.step} (${e.action}): ${e.error}`,
  'abort-requested': (e) => `abort requested by ${e.actor}: ${e.reason}`,
  'notification-started': (e) => `sending ${e.event}${e.gate ? ` (gate ${e.gate})` : ''} to ${e.channels.join(', ')}`,
  'notification-ended': (e) => `${e.event} ${delivery(e)}`,
  'run-succeeded': () => 'run succeeded',
  'run-failed': (e) => `run failed at ${e.step}; next: ${e.nextAction}`,
  'run-aborted': (e) => `run aborted by ${e.actor}: ${e.reason}`,
};

/**
 * A journal entry as one human line, prefixed by its sequence number and time.
 *
 * @example formatEntry(entry) // '#3 2026-11-25T02:00:00.000Z step fence started (attempt 1)'
 */
export function formatEntry(entry: JournalEntry): string {
  const format = formatters[entry.kind] as (e: JournalEntry) => string;
  return `#${entry.seq} ${entry.at} ${format(entry)}`;
}

function delivery(e: EntryOf<'notification-ended'>): string {
  const sent = e.delivered.length > 0 ? `delivered to ${e.delivered.join(', ')}` : 'delivered to no channel';
  const failed = e.failed.map((f) => `${f.channel} (${f.error})`).join('; ');
  return failed ? `${sent}; failed: ${failed}` : sent;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)}s`;
}
