import type { DrillKind } from '../ports/drill-history.js';
import { lastSuccessful } from './check-drills.js';
import type { Finding } from './finding.js';
import { primaryOf, type PostureSnapshot } from './posture-snapshot.js';
import { predictRto } from './predicted-rto.js';

/** The numbers a dashboard or Prometheus wants from one plan's posture (seconds, Unix seconds). */
export interface PostureSummary {
  plan: string;
  /** Achieved RPO per protected namespace; null when nothing can be restored. */
  rpoAchievedSeconds: Record<string, number | null>;
  objectives: { rpo: 'held' | 'breached' | 'unknown'; rto: 'held' | 'breached' };
  uncoveredNamespaces: number;
  lastBackupTimestamp: Record<string, number>;
  lastDrillTimestamp: Partial<Record<DrillKind, number>>;
  predictedRtoSeconds: number;
  predictedRtoSource: 'drill' | 'budgets';
}

const unix = (d: Date): number => Math.floor(d.getTime() / 1000);

/**
 * Condenses a snapshot and its findings into the per-plan figures `status` prints and exports.
 *
 * @example summarizePosture(snapshot, evaluatePosture(snapshot)).objectives.rpo // 'held'
 */
export function summarizePosture(snapshot: PostureSnapshot, findings: readonly Finding[]): PostureSummary {
  const rpo = rpoByNamespace(findings);
  const predicted = predictRto(snapshot.plan, snapshot.drills);
  const rpoBreached = findings.some((f) => f.id === 'rpo.breached' || f.id === 'schedule.rpo-exceeded');
  return {
    plan: snapshot.plan.metadata.name,
    rpoAchievedSeconds: rpo,
    objectives: {
      rpo: rpoBreached ? 'breached' : Object.keys(rpo).length > 0 ? 'held' : 'unknown',
      rto: predicted.rto.isLongerThan(snapshot.plan.spec.objectives.rto) ? 'breached' : 'held',
    },
    uncoveredNamespaces: findings.filter((f) => f.id === 'coverage.namespace-unprotected').length,
    lastBackupTimestamp: lastBackups(snapshot),
    lastDrillTimestamp: lastDrills(snapshot),
    predictedRtoSeconds: predicted.rto.toSeconds(),
    predictedRtoSource: predicted.source,
  };
}

function rpoByNamespace(findings: readonly Finding[]): Record<string, number | null> {
  const rpo: Record<string, number | null> = {};
  for (const f of findings.filter((x) => x.id === 'rpo.achieved' || x.id === 'rpo.breached')) {
    const seconds = f.evidence?.achievedSeconds;
    rpo[String(f.evidence?.namespace)] = typeof seconds === 'number' ? seconds : null;
  }
  return rpo;
}

function lastBackups(snapshot: PostureSnapshot): Record<string, number> {
  const primary = primaryOf(snapshot);
  const schedules = primary?.reachable ? (primary.catalog?.schedules ?? []) : [];
  return Object.fromEntries(schedules.filter((s) => s.lastBackup).map((s) => [s.name, unix(s.lastBackup as Date)]));
}

function lastDrills(snapshot: PostureSnapshot): Partial<Record<DrillKind, number>> {
  const out: Partial<Record<DrillKind, number>> = {};
  for (const kind of ['tabletop', 'component', 'failover'] as const) {
    const d = lastSuccessful(snapshot.drills, kind);
    if (d) out[kind] = unix(d.finishedAt);
  }
  return out;
}
