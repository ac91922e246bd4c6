import { formatEntry } from '../runbook/format-entry.js';
import type { JournalEntry } from '../runbook/journal-entry.js';
import type { EvidencePhase, EvidenceReport } from './evidence-report.js';

/** How a row should stand out: HTML colours it, Markdown and plain text ignore it. */
export type Tone = 'ok' | 'bad' | 'warn' | 'muted';

export interface ViewRow {
  cells: string[];
  tone?: Tone;
}

export interface ViewTable {
  /** Anchor-friendly id: `phases`, `checks`, `table-1`, ... */
  id: string;
  title: string;
  columns: string[];
  rows: ViewRow[];
  /** What to print instead of an empty table. */
  empty: string;
}

export interface ObjectiveRow {
  label: string;
  objective: string;
  measured: string;
  verdict: 'met' | 'missed' | 'not measured' | '';
}

/** SUCCEEDED / FAILED / ABORTED. */
export function outcomeLabel(report: EvidenceReport): string {
  return report.outcome.toUpperCase();
}

/** RTO, RPO and detection: objective vs measured, and whether it was met. */
export function objectiveRows(report: EvidenceReport): ObjectiveRow[] {
  const m = report.measured;
  const verdict = (met: boolean | undefined): ObjectiveRow['verdict'] => (met === undefined ? 'not measured' : met ? 'met' : 'missed');
  const rows: ObjectiveRow[] = [
    { label: 'RTO', objective: report.objectives.rto, measured: m.rto ?? 'n/a', verdict: verdict(m.rtoMet) },
    { label: 'RPO', objective: report.objectives.rpo, measured: m.rpo ?? 'n/a', verdict: verdict(m.rpoMet) },
  ];
  if (m.detection !== undefined) rows.push({ label: 'Detection', objective: '', measured: m.detection, verdict: '' });
  return rows;
}

const phaseTones: Record<EvidencePhase['status'], Tone> = { ok: 'ok', 'over-budget': 'warn', failed: 'bad', skipped: 'muted', 'not-run': 'muted' };

/** The report's tables in reading order: phases, checks, backups, clusters, approvals, the kind-specific ones, the journal. */
export function reportTables(report: EvidenceReport): ViewTable[] {
  return [
    {
      id: 'phases', title: 'Phases', columns: ['Phase', 'Started', 'Elapsed', 'Budget', 'Status'], empty: 'The runbook has no phases.',
      rows: report.phases.map((p) => ({ cells: [p.name, p.startedAt ?? '-', p.elapsed ?? '-', p.budget, p.status], tone: phaseTones[p.status] })),
    },
    {
      id: 'checks', title: 'Checks', columns: ['Check', 'Result', 'Detail'], empty: 'No checks were recorded.',
      rows: report.checks.map((c) => ({ cells: [c.name, c.passed ? 'PASS' : 'FAIL', c.detail], tone: c.passed ? 'ok' : 'bad' })),
    },
    {
      id: 'backups', title: 'Backups restored from', columns: ['Namespace', 'Backup', 'Backup started'], empty: 'No backup was restored.',
      rows: report.backups.map((b) => ({ cells: [b.namespace, b.name, b.startedAt] })),
    },
    { id: 'clusters', title: 'Clusters', columns: ['Region', 'Kubernetes version'], empty: 'No cluster versions were recorded.', rows: report.clusters.map((c) => ({ cells: [c.region, c.version] })) },
    {
      id: 'approvals', title: 'Approvals', columns: ['Gate', 'Approver', 'Approved at'], empty: 'No gate needed an approval.',
      rows: report.approvals.map((a) => ({ cells: [a.gate, a.approver, a.at] })),
    },
    ...report.tables.map((t, i) => ({ id: `table-${i + 1}`, title: t.title, columns: t.columns, rows: t.rows.map((cells) => ({ cells })), empty: 'No rows.' })),
  ];
}

/** The journal as a table: seq, time, the entry in words, the first 12 digits of its hash. */
export function journalTable(report: EvidenceReport): ViewTable {
  return {
    id: 'journal', title: 'Journal (hash-chained)', columns: ['#', 'Time', 'Entry', 'Hash'], empty: 'The journal is empty.',
    rows: report.journal.map((e) => ({ cells: [String(e.seq), e.at, describeEntry(e), e.hash.slice(0, 12)], tone: toneOfEntry(e) })),
  };
}

/** An entry in words, without the `#seq time` prefix `formatEntry` puts before it. */
export function describeEntry(entry: JournalEntry): string {
  return formatEntry(entry).slice(`#${entry.seq} ${entry.at} `.length);
}

function toneOfEntry(e: JournalEntry): Tone | undefined {
  if (['step-failed', 'step-timed-out', 'gate-rejected', 'compensation-failed', 'run-failed', 'run-aborted'].includes(e.kind)) return 'bad';
  return e.kind === 'run-succeeded' ? 'ok' : undefined;
}
