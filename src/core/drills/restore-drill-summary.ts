import type { EvidenceBackup, EvidenceCheck, EvidenceTable } from '../evidence/evidence-report.js';
import type { JournalEntry } from '../runbook/journal-entry.js';

interface Found { backup: string; backupStartedAt: string; objectsInBackup: number | null }
interface Restored { restore: string; itemsRestored: number | null; restoreSeconds: number; warnings: number }
interface Smoke { checks: Array<{ name: string; url: string; host: string; passed: boolean; detail: string }> }

function outputOf<T>(entries: readonly JournalEntry[], step: string): T | undefined {
  const e = entries.find((x) => x.kind === 'step-succeeded' && x.step === step);
  return e?.kind === 'step-succeeded' ? (e.output as T) : undefined;
}

/** What a component drill's evidence shows beside its phases: counts, restore time, smoke checks. */
export interface RestoreDrillSummary {
  namespace: string;
  scratch: string;
  backup?: string;
  objectsInBackup: number | null;
  itemsRestored: number | null;
  restoreSeconds: number | null;
  checks: EvidenceCheck[];
  tables: EvidenceTable[];
  backups: EvidenceBackup[];
}

/** Reads a component drill's measurements from its journal (the step outputs). */
export function restoreDrillSummary(entries: readonly JournalEntry[], o: { namespace: string; scratch: string }): RestoreDrillSummary {
  const found = outputOf<Found>(entries, 'find-backup');
  const restored = outputOf<Restored>(entries, 'restore-scratch');
  const objectsInBackup = found?.objectsInBackup ?? null;
  const itemsRestored = restored?.itemsRestored ?? null;
  const restoreSeconds = restored?.restoreSeconds ?? null;
  const table: EvidenceTable = {
    title: 'Component restore',
    columns: ['Namespace', 'Scratch namespace', 'Backup', 'Objects in backup', 'Objects restored', 'Restore time'],
    rows: [[o.namespace, o.scratch, found?.backup ?? 'none', count(objectsInBackup), count(itemsRestored), seconds(restoreSeconds)]],
  };
  return { ...o, backup: found?.backup, objectsInBackup, itemsRestored, restoreSeconds, checks: smokeChecksOf(entries), tables: [table], backups: backupsOf(o.namespace, found) };
}

const backupsOf = (namespace: string, found: Found | undefined): EvidenceBackup[] =>
  (found ? [{ namespace, name: found.backup, startedAt: found.backupStartedAt }] : []);

const count = (n: number | null): string => (n === null ? 'unknown' : String(n));
const seconds = (n: number | null): string => (n === null ? 'not restored' : `${n.toFixed(1)}s`);

/** Each smoke check's result, or the smoke step's failure when it never produced results. */
function smokeChecksOf(entries: readonly JournalEntry[]): EvidenceCheck[] {
  const smoke = outputOf<Smoke>(entries, 'smoke-checks');
  if (smoke) return smoke.checks.map((c) => ({ name: `smoke check ${c.name}`, passed: c.passed, detail: `${c.url} (Host: ${c.host}): ${c.detail}` }));
  const failed = entries.find((e) => e.kind === 'step-failed' && e.step === 'smoke-checks');
  return failed?.kind === 'step-failed' ? [{ name: 'smoke checks', passed: false, detail: failed.error }] : [];
}
