import { Duration } from '../objectives/duration.js';
import type { EvidenceReport, PhaseStatus } from './evidence-report.js';

export interface TimelineRow {
  phase: string;
  status: PhaseStatus;
  /** Seconds from the origin to the phase's start; for a phase that never started, where it would have. */
  startS: number;
  started: boolean;
  elapsedS: number | undefined;
  budgetS: number;
  /** "6s / 2m" */
  label: string;
}

/**
 * What the report's timeline chart shows, in seconds from an origin: the outage when known (RTO and
 * RPO run from it), else the run's start. Phases are bars of their elapsed time over their budget;
 * RTO markers lie after the origin, RPO markers and the restored backups' starts before it.
 */
export interface TimelineModel {
  origin: string;
  originLabel: 'outage' | 'run started';
  rows: TimelineRow[];
  rtoObjectiveS: number;
  rtoMeasuredS: number | undefined;
  rpoObjectiveS: number;
  rpoMeasuredS: number | undefined;
  /** Seconds before the origin each restored backup started (positive numbers). */
  backups: Array<{ label: string; beforeS: number }>;
  /** Whether the data-loss side (RPO, backups) applies: only when the outage time is known. */
  showsDataLoss: boolean;
}

/** The timeline of a report, for `EchartsTimelineChart` (or any other chart renderer). */
export function timelineOf(report: EvidenceReport): TimelineModel {
  const originAt = report.measured.outageAt ?? report.startedAt;
  const origin = Date.parse(originAt);
  const secondsOf = (text: string | undefined): number | undefined => (text === undefined ? undefined : Duration.parse(text).toSeconds());
  return {
    origin: originAt,
    originLabel: report.measured.outageAt ? 'outage' : 'run started',
    rows: rowsOf(report, origin),
    rtoObjectiveS: Duration.parse(report.objectives.rto).toSeconds(),
    rtoMeasuredS: secondsOf(report.measured.rto),
    rpoObjectiveS: Duration.parse(report.objectives.rpo).toSeconds(),
    rpoMeasuredS: secondsOf(report.measured.rpo),
    backups: report.backups.map((b) => ({ label: `${b.namespace}: ${b.name}`, beforeS: Math.max(0, (origin - Date.parse(b.startedAt)) / 1000) })),
    showsDataLoss: report.measured.outageAt !== undefined,
  };
}

/** Phase rows; a phase that never started is placed where the phases before it ended (or were due to). */
function rowsOf(report: EvidenceReport, origin: number): TimelineRow[] {
  let cursor = Math.max(0, (Date.parse(report.startedAt) - origin) / 1000);
  return report.phases.map((p) => {
    const elapsedS = p.elapsed === undefined ? undefined : Duration.parse(p.elapsed).toSeconds();
    const budgetS = Duration.parse(p.budget).toSeconds();
    const startS = p.startedAt === undefined ? cursor : (Date.parse(p.startedAt) - origin) / 1000;
    cursor = Math.max(cursor, startS + (elapsedS ?? budgetS));
    return { phase: p.name, status: p.status, startS, started: p.startedAt !== undefined, elapsedS, budgetS, label: `${p.elapsed ?? p.status} / ${p.budget}` };
  });
}
