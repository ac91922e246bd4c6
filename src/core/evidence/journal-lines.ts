import { canonicalJson } from '../runbook/canonical-json.js';
import { journalEntrySchema, type JournalEntry } from '../runbook/journal-entry.js';
import { issuePath } from './issue-text.js';

/** journal.jsonl's text: one entry per line, each the canonical JSON of the entry (the hash chain's input form). */
export function journalLines(entries: readonly JournalEntry[]): string {
  return entries.map((e) => `${canonicalJson(e)}\n`).join('');
}

export interface ParsedJournal {
  entries: JournalEntry[];
  /** The lines as parsed JSON, before schema parsing (which may drop unknown fields). */
  raw: unknown[];
  problems: string[];
}

/** Parses journal.jsonl, naming each line that is not a canonical, valid journal entry. */
export function parseJournalLines(text: string): ParsedJournal {
  const out: ParsedJournal = { entries: [], raw: [], problems: [] };
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  if (text === '') out.problems.push('empty: a run journal has at least its run-started entry');
  lines.forEach((line, i) => {
    if (text === '') return;
    const problem = lineProblem(line, out);
    if (problem) out.problems.push(`line ${i + 1}: ${problem}`);
  });
  return out;
}

function lineProblem(line: string, out: ParsedJournal): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not valid JSON';
  }
  if (canonicalJson(value) !== line) return 'not in canonical form (keys sorted, no spaces)';
  const parsed = journalEntrySchema.safeParse(value);
  if (!parsed.success) return `not a journal entry: ${parsed.error.issues.map((i) => `${issuePath(i.path)}: ${i.message}`).join('; ')}`;
  out.raw.push(value);
  out.entries.push(parsed.data);
  return undefined;
}
