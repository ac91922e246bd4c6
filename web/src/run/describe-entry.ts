import type { JournalEntry } from '../api/types';

/**
 * The server's rendering of an entry without its `#seq time` prefix (the page shows those in their
 * own columns), or one line for an entry that arrived on the event stream (the server's own rendering, `text`, comes
 * with the next reload of the run and replaces this).
 */
export function describeEntry(e: JournalEntry): string {
  if (typeof e.text === 'string') return e.text.replace(/^#\d+ \S+ /, '');
  const who = e.approver ?? e.actor;
  const subject = e.step ?? e.gate;
  const parts = [e.kind.replace(/-/g, ' '), subject, e.attempt && e.attempt > 1 ? `attempt ${e.attempt}` : undefined, who ? `by ${who}` : undefined, e.reason ? `(${e.reason})` : undefined, e.error ? `: ${e.error}` : undefined];
  return parts.filter(Boolean).join(' ');
}
