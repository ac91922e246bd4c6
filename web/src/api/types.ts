/**
 * The shapes the dashboard reads from `lifeboat serve` (GET /openapi.json is the authority; these
 * mirror its PlanSummary, PlanDetail, Posture, RunSummary, RunDetail, Drill and EvidenceBundle).
 */

export type Role = 'viewer' | 'operator' | 'approver' | 'admin';
export type PlanStatus = 'ok' | 'warn' | 'breach';
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  id: string;
  severity: Severity;
  message: string;
  field?: string;
  fix: string;
  evidence?: Record<string, unknown>;
}

export interface PlanSummary {
  name: string;
  file: string;
  pattern: string;
  objectives: { rto: string; rpo: string; rtoSeconds: number; rpoSeconds: number };
  achievedRpo: { namespace: string; seconds: number | null } | null;
  status: PlanStatus;
  findings: { error: number; warning: number; info: number };
  evaluatedAt: string | null;
}

export interface DrillRecord {
  plan: string;
  kind: string;
  finishedAt: string;
  succeeded: boolean;
  measuredRtoSeconds: number | null;
  runId: string | null;
}

export interface DrillRow {
  kind: string;
  cadence: string;
  state: string;
  lastRun: string | null;
  lastRunSucceeded: boolean | null;
  lastRunId: string | null;
  nextDue: string | null;
  overdueBy: string | null;
  nextSlot: string | null;
}

export interface ScheduleView {
  name: string;
  cron: string;
  storageLocation: string;
  ttl: string;
  worstCaseRpoSeconds: number | null;
}

export interface PlanDetail {
  summary: PlanSummary;
  findings: Finding[];
  coverage: { protectedNamespaces: string[]; uncoveredNamespaces: number | null; unprotected: Finding[] };
  schedules: { worstCaseRpoSeconds: number; uncoveredNamespaces: string[]; schedules: ScheduleView[] };
  drills: { history: DrillRecord[]; schedule: DrillRow[]; due: Array<{ kind: string; state: string; handling: string }> };
  rto: {
    objectiveSeconds: number;
    predicted: { seconds: number; source: string };
    measured: { seconds: number; runId: string | null; at: string } | null;
  };
}

export interface Posture {
  plan: string;
  evaluatedAt: string;
  findings: Finding[];
  summary: {
    rpoAchievedSeconds?: Record<string, number | null>;
    lastBackupTimestamp?: Record<string, number>;
    objectives?: { rpo: string; rto: string };
    [key: string]: unknown;
  };
  errors: Array<{ source: string; region?: string; unreachable: boolean; message: string }>;
}

export interface RunSummary {
  runId: string;
  plan: string;
  startedAt: string;
  lastSeq: number;
  state: string;
  drivenHere: boolean;
}

/** A journal entry: the envelope and the kind's own fields (docs/runbook-engine.md). */
export interface JournalEntry {
  seq: number;
  at: string;
  kind: string;
  /** The server's one-line rendering (GET /v1/runs/{run} only; event-stream entries lack it). */
  text?: string;
  step?: string;
  gate?: string;
  attempt?: number;
  actor?: string;
  approver?: string;
  reason?: string;
  error?: string;
  [key: string]: unknown;
}

export interface StepView {
  id: string;
  kind: string;
  phase: string;
  budgetSeconds: number;
  elapsedSeconds: number | null;
  attempts: number;
  overBudget: boolean;
}

export interface GateView {
  gate: string;
  title?: string;
  approvals: number;
  approvers: string[];
  waiting: boolean;
  rejected: { approver: string; reason: string } | null;
}

export interface RunOutcome {
  outageAt?: string;
  recoveredAt?: string | null;
  rtoSeconds?: number | null;
  rpoSeconds?: number | null;
  objectives?: { rtoSeconds: number; rpoSeconds: number; rtoMet: boolean | null; rpoMet: boolean | null };
  unavailable?: string;
}

export interface RunDetail {
  runId: string;
  plan: string;
  startedBy: string | null;
  state: string;
  chain: { ok: true } | { ok: false; seq: number; reason: string };
  entries: JournalEntry[];
  gates: GateView[];
  steps: StepView[];
  totalSeconds: number | null;
  totalBudgetSeconds: number | null;
  outcome: RunOutcome | null;
}

export interface EvidenceBundle {
  runId: string;
  createdAt: string;
  files: string[];
  keyFingerprint: string | null;
}

export interface EvidenceVerdict {
  ok: boolean;
  runId: string | null;
  keyFingerprint: string | null;
  trusted: boolean;
  problems: Array<{ file: string; reason: string }>;
}

export interface RunStarted {
  runId: string;
  events: string;
}
