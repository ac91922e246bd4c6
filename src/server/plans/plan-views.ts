import type { DrillScheduleRow } from '../../core/drills/drill-schedule.js';
import { predictObjectives } from '../../core/objectives/predict.js';
import { analyzeSchedules } from '../../core/plan/schedule-analysis.js';
import type { DrillRecord } from '../../core/ports/drill-history.js';
import { sortFindings, type Finding } from '../../core/posture/finding.js';
import { predictRto } from '../../core/posture/predicted-rto.js';
import type { PostureEntry } from '../posture/posture-cache.js';
import type { LoadedPlan } from './plan-catalog.js';

export type PlanStatus = 'ok' | 'warn' | 'breach';

export interface PlanListItem {
  name: string;
  file: string;
  pattern: string;
  objectives: { rto: string; rpo: string; rtoSeconds: number; rpoSeconds: number };
  /** The worst protected namespace's achieved RPO (null seconds: nothing restorable); null before posture is known. */
  achievedRpo: { namespace: string; seconds: number | null } | null;
  status: PlanStatus;
  findings: { error: number; warning: number; info: number };
  /** When posture was last evaluated; null: only the plan's own analysis is known yet. */
  evaluatedAt: string | null;
}

const RANK: Record<PlanStatus, number> = { breach: 0, warn: 1, ok: 2 };

/**
 * What depends only on the plan file, computed once per loaded plan: the schedule analysis enumerates
 * cron runs over years, far too slow to repeat for every plan on every GET /v1/plans. A reload makes
 * new LoadedPlan objects, so the cache never outlives the plan it describes.
 */
const analyses = new WeakMap<LoadedPlan, { findings: Finding[]; schedules: ReturnType<typeof scheduleAnalysis> }>();

function analysisOf(loaded: LoadedPlan): { findings: Finding[]; schedules: ReturnType<typeof scheduleAnalysis> } {
  let found = analyses.get(loaded);
  if (!found) {
    found = { findings: sortFindings(analyzeSchedules(loaded.plan)), schedules: scheduleAnalysis(loaded) };
    analyses.set(loaded, found);
  }
  return found;
}

/** The findings behind a plan's status: the cached posture's, else the plan's own schedule analysis. */
export function findingsOf(loaded: LoadedPlan, posture: PostureEntry | undefined): Finding[] {
  return posture ? posture.posture.findings : analysisOf(loaded).findings;
}

/** breach: an error finding or a breached objective; warn: a warning; ok otherwise. */
export function statusOf(findings: readonly Finding[], posture: PostureEntry | undefined): PlanStatus {
  const objectives = posture?.posture.summary.objectives;
  if (findings.some((f) => f.severity === 'error') || objectives?.rpo === 'breached' || objectives?.rto === 'breached') return 'breach';
  return findings.some((f) => f.severity === 'warning') ? 'warn' : 'ok';
}

/** One row of GET /v1/plans. */
export function planListItem(loaded: LoadedPlan, posture: PostureEntry | undefined): PlanListItem {
  const { plan } = loaded;
  const findings = findingsOf(loaded, posture);
  const count = (s: Finding['severity']): number => findings.filter((f) => f.severity === s).length;
  return {
    name: plan.metadata.name,
    file: loaded.file,
    pattern: plan.spec.pattern,
    objectives: { rto: plan.spec.objectives.rto.toString(), rpo: plan.spec.objectives.rpo.toString(), rtoSeconds: plan.spec.objectives.rto.toSeconds(), rpoSeconds: plan.spec.objectives.rpo.toSeconds() },
    achievedRpo: posture ? worstRpo(posture.posture.summary.rpoAchievedSeconds) : null,
    status: statusOf(findings, posture),
    findings: { error: count('error'), warning: count('warning'), info: count('info') },
    evaluatedAt: posture?.evaluatedAt.toISOString() ?? null,
  };
}

/** Plans worst first (breach, warn, ok), then by name. */
export function worstFirst(items: PlanListItem[]): PlanListItem[] {
  return items.sort((a, b) => RANK[a.status] - RANK[b.status] || b.findings.error - a.findings.error || a.name.localeCompare(b.name));
}

function worstRpo(rpo: Record<string, number | null>): { namespace: string; seconds: number | null } | null {
  const rows = Object.entries(rpo).map(([namespace, seconds]) => ({ namespace, seconds }));
  return rows.find((r) => r.seconds === null) ?? rows.sort((a, b) => (b.seconds ?? 0) - (a.seconds ?? 0))[0] ?? null;
}

/** Predicted RTO (last failover drill, else budgets) beside the RTO the newest failover drill measured. */
export function rtoView(loaded: LoadedPlan, drills: readonly DrillRecord[]): { objectiveSeconds: number; predicted: { seconds: number; source: string }; measured: { seconds: number; runId: string | null; at: string } | null } {
  const predicted = predictRto(loaded.plan, drills);
  const measured = drills.filter((d) => d.kind === 'failover' && d.measuredRto).sort((a, b) => b.finishedAt.getTime() - a.finishedAt.getTime())[0];
  return {
    objectiveSeconds: loaded.plan.spec.objectives.rto.toSeconds(),
    predicted: { seconds: predicted.rto.toSeconds(), source: predicted.source },
    measured: measured?.measuredRto ? { seconds: measured.measuredRto.toSeconds(), runId: measured.runId ?? null, at: measured.finishedAt.toISOString() } : null,
  };
}

/** The plan's backup schedules and predicted worst-case RPO per schedule (computed once per loaded plan). */
export function schedulesView(loaded: LoadedPlan): ReturnType<typeof scheduleAnalysis> {
  return analysisOf(loaded).schedules;
}

function scheduleAnalysis(loaded: LoadedPlan): { worstCaseRpoSeconds: number; uncoveredNamespaces: string[]; schedules: Array<{ name: string; cron: string; storageLocation: string; ttl: string; worstCaseRpoSeconds: number | null }> } {
  const rpo = predictObjectives(loaded.plan).rpo;
  return {
    worstCaseRpoSeconds: rpo.worstCase.toSeconds(),
    uncoveredNamespaces: rpo.uncoveredNamespaces,
    schedules: loaded.plan.spec.backup.schedules.map((s) => {
      const predicted = rpo.perSchedule.find((p) => p.schedule === s.name);
      return { name: s.name, cron: s.cron, storageLocation: s.storageLocation, ttl: s.ttl.toString(), worstCaseRpoSeconds: predicted ? predicted.worstCase.toSeconds() : null };
    }),
  };
}

/** A drill calendar row as JSON. */
export function drillRowView(row: DrillScheduleRow): Record<string, string | boolean | null> {
  const last = row.lastRun;
  return {
    kind: row.kind, cadence: row.cadence, cron: row.cron, state: row.state,
    lastRun: iso(last?.finishedAt), lastRunSucceeded: last ? last.succeeded : null, lastRunId: last?.runId ?? null,
    lastSuccess: iso(row.lastSuccess), nextDue: iso(row.nextDue), overdueBy: row.overdueBy ? row.overdueBy.toString() : null, nextSlot: iso(row.nextSlot),
  };
}

const iso = (d: Date | undefined): string | null => (d ? d.toISOString() : null);

/** A recorded drill as JSON. */
export function drillRecordView(d: DrillRecord): { plan: string; kind: string; finishedAt: string; succeeded: boolean; measuredRtoSeconds: number | null; runId: string | null } {
  return { plan: d.plan, kind: d.kind, finishedAt: d.finishedAt.toISOString(), succeeded: d.succeeded, measuredRtoSeconds: d.measuredRto?.toSeconds() ?? null, runId: d.runId ?? null };
}
