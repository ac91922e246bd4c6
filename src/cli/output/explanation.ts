import type { Prediction } from '../../core/objectives/predict.js';
import type { DRPlan } from '../../core/plan/schema.js';
import type { Finding } from '../../core/posture/finding.js';
import { formatFindingsTable } from './findings-table.js';
import { formatTable } from './format-table.js';
import type { Palette } from './palette.js';

/** What `plan explain` reports about one plan (also its JSON/YAML output). */
export interface PlanExplanation {
  plan: string;
  file: string;
  objectives: DRPlan['spec']['objectives'];
  prediction: Prediction;
  findings: Finding[];
}

/** The human view of `plan explain`: one section per question an engineer asks of a plan. */
export function formatExplanation(e: PlanExplanation, style: Palette): string {
  return [pattern(e, style), rto(e, style), rpo(e, style), cost(e, style), gaps(e, style), findings(e, style)].join('\n');
}

const range = (r: { min: { toString(): string }; max: { toString(): string } }): string =>
  r.min.toString() === r.max.toString() ? r.min.toString() : `${r.min.toString()}-${r.max.toString()}`;
const percent = (r: { min: number; max: number }): string => (r.min === r.max ? `~${r.min}%` : `${r.min}-${r.max}%`);

function pattern({ plan, file, prediction }: PlanExplanation, style: Palette): string {
  const p = prediction.pattern;
  return [
    `${style.bold(`Plan ${plan}`)} (${file})`,
    `Pattern: ${p.title} (${p.pattern}): typical RTO ${range(p.rto)}, RPO ${range(p.rpo)}, cost ${percent(p.costPercent)} of production`,
    `  ${p.description}`,
    '',
  ].join('\n');
}

function rto({ objectives, prediction }: PlanExplanation, style: Palette): string {
  const rows = prediction.rto.phases.map((p) => [p.phase, p.title, p.budget.toString(), p.group ?? '-', p.onCriticalPath ? 'yes' : 'no']);
  return [
    style.bold(`Predicted RTO: ${prediction.rto.total.toString()} (objective ${objectives.rto.toString()})`),
    formatTable(['phase', 'title', 'budget', 'parallel group', 'critical path'], rows).trimEnd(),
    `Basis: ${String(prediction.rto.basis)}`,
    '',
  ].join('\n');
}

function rpo({ objectives, prediction }: PlanExplanation, style: Palette): string {
  const rows = prediction.rpo.perSchedule.map((s) => [
    String(s.schedule), s.namespaces.join(',') || '-', s.largestGap.toString(), s.expectedDuration.toString(), s.worstCase.toString(),
  ]);
  return [
    style.bold(`Predicted worst-case RPO: ${prediction.rpo.worstCase.toString()} (objective ${objectives.rpo.toString()})`),
    rows.length > 0 ? formatTable(['schedule', 'namespaces', 'largest gap', 'backup takes', 'worst case'], rows).trimEnd() : 'No backup schedules.',
    ...(prediction.rpo.uncoveredNamespaces.length > 0 ? [style.red(`Backed up by no schedule: ${prediction.rpo.uncoveredNamespaces.join(', ')}`)] : []),
    `Basis: ${prediction.rpo.basis}`,
    '',
  ].join('\n');
}

function cost({ prediction }: PlanExplanation, style: Palette): string {
  return [style.bold(`Predicted cost: ~${prediction.cost.percentOfProduction}% of production`), `Basis: ${String(prediction.cost.basis)}`, ''].join('\n');
}

function gaps({ prediction }: PlanExplanation, style: Palette): string {
  const rows = prediction.gaps.map((g) => [
    g.objective.toUpperCase(), String(g.target), String(g.predicted), g.met ? style.green('met') : style.red('missed'), g.message,
  ]);
  return [style.bold('Objectives'), formatTable(['objective', 'target', 'predicted', 'status', 'message'], rows).trimEnd(), ''].join('\n');
}

function findings({ plan, findings: list }: PlanExplanation, style: Palette): string {
  return [style.bold('Findings'), formatFindingsTable(list.map((f) => ({ plan, ...f })), style)].join('\n');
}
