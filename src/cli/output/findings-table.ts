import type { Finding } from '../../core/posture/finding.js';
import { formatTable } from './format-table.js';
import type { Palette } from './palette.js';

/** A finding together with the plan it is about. */
export interface PlanFinding extends Finding {
  plan: string;
}

/**
 * Formats findings as a table (PLAN, SEVERITY, ID, FIELD, MESSAGE, FIX), severity coloured when the
 * palette is on. Empty input gives an explicit "no findings" line rather than an empty table.
 */
export function formatFindingsTable(findings: readonly PlanFinding[], style: Palette): string {
  if (findings.length === 0) return 'No findings.\n';
  const colour = { error: style.red, warning: style.yellow, info: style.dim } as const;
  const rows = findings.map((f) => [f.plan, colour[f.severity](f.severity), f.id, f.field ?? '-', f.message, f.fix]);
  return formatTable(['plan', 'severity', 'id', 'field', 'message', 'fix'], rows);
}
