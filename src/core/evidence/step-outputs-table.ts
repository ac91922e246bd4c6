import type { EntryOf, JournalEntry } from '../runbook/journal-entry.js';
import type { EvidenceTable } from './evidence-report.js';

/**
 * A table of what each step answered (its step-succeeded output): one row per step, one column per
 * output field (alphabetical: stores may not keep key order). Tabletop exercises record owner, estimate, notes and flags this way; object outputs of
 * other runs (restore counts, verified addresses) read the same.
 *
 * @example stepOutputsTable(entries, 'Tabletop answers')
 */
export function stepOutputsTable(entries: readonly JournalEntry[], title = 'Step results'): EvidenceTable {
  const done = entries.filter((e): e is EntryOf<'step-succeeded'> => e.kind === 'step-succeeded');
  const fields = [...new Set(done.flatMap((e) => (isRecord(e.output) ? Object.keys(e.output) : [])))].sort();
  const other = done.some((e) => !isRecord(e.output) && e.output !== null);
  const rows = done.map((e) => {
    const values = fields.map((f) => (isRecord(e.output) ? cell(e.output[f]) : ''));
    return [e.step, ...values, ...(other ? [isRecord(e.output) ? '' : cell(e.output)] : [])];
  });
  return { title, columns: ['Step', ...fields, ...(other ? ['Output'] : [])], rows };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(cell).join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}
