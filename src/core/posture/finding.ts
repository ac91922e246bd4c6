/**
 * A posture finding: one thing about a plan or a live cluster that puts recovery at risk, with the
 * fix. Findings are data, not errors: a plan with error-level findings still parses, and the CLI
 * decides the exit code from the worst severity. Ids are stable and documented in docs/findings.md,
 * so alert rules and suppressions can key on them.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable id such as `schedule.rpo-exceeded`; never reworded once released. */
  id: string;
  severity: Severity;
  /** One sentence naming the concrete values involved (schedule, namespace, durations). */
  message: string;
  /** Path of the field at fault, e.g. `spec.backup.schedules[0].cron`. */
  field?: string;
  /** What to change, concretely. */
  fix: string;
  /** Machine-readable facts behind the message (durations as strings like `1h5m`). */
  evidence?: Record<string, unknown>;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * The most severe level among the findings, or undefined when there are none. The CLI maps it to an
 * exit code, so "no findings" must stay distinguishable from "only info".
 *
 * @example worstSeverity([{ severity: 'info' }, { severity: 'error' }] as Finding[]) // 'error'
 */
export function worstSeverity(findings: readonly Pick<Finding, 'severity'>[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) {
    if (worst === undefined || RANK[f.severity] < RANK[worst]) worst = f.severity;
  }
  return worst;
}

/**
 * Findings ordered worst first, then by field and id, so output is stable between runs and the
 * finding to act on comes first. Returns a new array.
 *
 * @example sortFindings(findings)[0].severity // 'error' when any finding is an error
 */
export function sortFindings<T extends Finding>(findings: readonly T[]): T[] {
  return [...findings].sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || (a.field ?? '').localeCompare(b.field ?? '') || a.id.localeCompare(b.id),
  );
}
