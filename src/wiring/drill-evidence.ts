import { join } from 'node:path';
import { restoreDrillSummary } from '../core/drills/restore-drill-summary.js';
import { evidenceFromRun, type EvidenceInput } from '../core/evidence/evidence-from-run.js';
import type { EvidenceKind } from '../core/evidence/evidence-report.js';
import type { DRPlan } from '../core/plan/schema.js';
import { runEvidence } from './run-evidence.js';
import type { FailoverDrillReport } from './run-failover-drill.js';
import type { RestoreDrillReport } from './run-restore-drill.js';
import type { DrillKind } from '../core/ports/drill-history.js';
import type { Duration } from '../core/objectives/duration.js';
import { openDrillHistory } from './drill-history.js';
import { notificationChannels } from './notification-channels.js';
import { planNotifier } from './notifiers.js';
import { writeEvidenceBundle, type WrittenBundle } from './evidence.js';
import { evidenceSecrets } from './evidence-secrets.js';
import { openJournal, stateDirOf } from './journal.js';

/** Where a run's evidence bundle goes: `<state dir>/evidence/<run id>/`. */
export function evidenceDirOf(runId: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDirOf(env), 'evidence', runId);
}

export interface DrillEvidenceRequest extends Omit<EvidenceInput, 'hasher' | 'secrets'> {
  /** The drill history's kind for this drill. */
  drill: DrillKind;
  succeeded: boolean;
  measuredRto?: Duration;
  kubeconfig?: string;
  env?: NodeJS.ProcessEnv;
  /** Default `<state dir>/evidence/<run id>/`. */
  dir?: string;
  /** false: leave report.pdf out (no Chromium). */
  pdf?: false;
}

/**
 * Closes a drill: writes its signed evidence bundle (every secret the plan references removed) and
 * records the outcome in the drill history, so posture stops reporting the drill as overdue.
 */
export async function recordDrillEvidence(r: DrillEvidenceRequest): Promise<WrittenBundle> {
  const env = r.env ?? process.env;
  const runId = r.entries[0]?.kind === 'run-started' ? r.entries[0].runId : 'unknown-run';
  const report = evidenceFromRun({ ...r, hasher: openJournal(env).hasher, secrets: evidenceSecrets(r.plan, { env, kubeconfig: r.kubeconfig }) });
  const bundle = await writeEvidenceBundle(report, r.dir ?? evidenceDirOf(runId, env), { env, ...(r.pdf === false ? { pdf: false as const } : {}) });
  const history = openDrillHistory(env);
  try {
    await history.record({ plan: r.plan.metadata.name, kind: r.drill, finishedAt: new Date(), succeeded: r.succeeded, runId, ...(r.measuredRto ? { measuredRto: r.measuredRto } : {}) });
  } finally {
    history.close();
  }
  await notifyDrillComplete(r, runId, env);
  return bundle;
}

/** Tells the channels subscribed to `drill-complete`; a channel that is down never fails the drill. */
async function notifyDrillComplete(r: DrillEvidenceRequest, runId: string, env: NodeJS.ProcessEnv): Promise<void> {
  const notifier = planNotifier(r.plan, notificationChannels(r.plan, env));
  if (notifier.subscribers('drill-complete').length === 0) return;
  const outputs = Object.fromEntries(r.entries.flatMap((e) => (e.kind === 'step-succeeded' ? [[e.step, e.output]] : [])));
  await notifier.send('drill-complete', { runId, runbook: `${r.drill} drill (${r.succeeded ? 'passed' : 'FAILED'})`, outputs });
}

/** The evidence of a component drill: its restore table, smoke checks and backup. */
export async function closeRestoreDrill(plan: DRPlan, drill: RestoreDrillReport, o: { kubeconfig?: string; env?: NodeJS.ProcessEnv; pdf?: false } = {}): Promise<WrittenBundle> {
  const summary = restoreDrillSummary(drill.entries, { namespace: drill.namespace, scratch: drill.scratch });
  return recordDrillEvidence({
    kind: 'component-drill', drill: 'component', plan, entries: drill.entries, succeeded: drill.result.outcome === 'succeeded',
    title: `Component restore drill of ${drill.namespace}`, checks: summary.checks, tables: summary.tables, backups: summary.backups,
    notes: [`Restored into scratch namespace ${drill.scratch} in the standby, then deleted it.`], ...o,
  });
}

/** The evidence of a full failover drill: detection, RTO/RPO, smoke checks and the failback, on the failover run. */
export async function closeFailoverDrill(plan: DRPlan, drill: FailoverDrillReport, o: { kubeconfig?: string; env?: NodeJS.ProcessEnv; pdf?: false } = {}): Promise<WrittenBundle> {
  const smokeChecks = drill.smoke.map((s) => ({ name: `smoke check ${s.name}`, passed: s.passed, detail: `${s.url} (Host: ${s.host}): ${s.detail}` }));
  const failback = drill.failback
    ? [{ name: 'failback', passed: drill.failback.result.outcome === 'succeeded', detail: `run ${drill.failback.runId} ended ${drill.failback.result.outcome}` }]
    : [];
  return recordDrillEvidence({
    kind: 'failover-drill', drill: 'failover', plan, entries: drill.failover.entries, outcome: drill.failover.outcome, succeeded: drill.succeeded,
    detection: drill.detectionTime, checks: [...smokeChecks, ...failback], measuredRto: drill.failover.outcome.rto,
    notes: [
      `Outage injected at ${drill.outageAt.toISOString()} (${drill.method}); the trigger saw the region down from ${drill.detection.downSince.toISOString()} and fired at ${drill.detection.detectedAt.toISOString()}.`,
      ...(drill.failback ? [`Failback run ${drill.failback.runId}: ${drill.failback.result.outcome}.`] : []),
    ],
    ...o,
  });
}

/**
 * The signed evidence bundle of any run in the journal store (a real failover or failback, a tabletop),
 * written to `<state dir>/evidence/<run id>/`.
 */
export async function writeRunEvidence(r: { runId: string; plan: DRPlan; planText: string; kind?: EvidenceKind; kubeconfig?: string; env?: NodeJS.ProcessEnv; pdf?: false }): Promise<WrittenBundle> {
  const env = r.env ?? process.env;
  const report = await runEvidence({ runId: r.runId, plan: r.plan, planText: r.planText, ...(r.kind ? { kind: r.kind } : {}), kubeconfig: r.kubeconfig, env });
  return writeEvidenceBundle(report, evidenceDirOf(r.runId, env), { env, ...(r.pdf === false ? { pdf: false as const } : {}) });
}
