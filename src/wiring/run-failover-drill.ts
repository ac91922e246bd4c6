import { userInfo } from 'node:os';
import { runSmokeChecks, smokeChecksFor, type SmokeResult } from '../core/drills/smoke-checks.js';
import { Duration } from '../core/objectives/duration.js';
import type { Clock } from '../core/ports/clock.js';
import type { OutageInjector } from '../core/ports/outage-injector.js';
import type { FailoverPorts } from '../core/runbook/failover/failover-executor.js';
import type { DRPlan } from '../core/plan/schema.js';
import type { JournalEntry } from '../core/runbook/journal-entry.js';
import { failoverRegions } from '../core/runbook/failover/failover-runbook.js';
import { ingressTarget } from '../core/runbook/failover/probe-window.js';
import { watchForOutage, type OutageDetection } from '../core/trigger/outage-watch.js';
import { regionHealth } from '../core/trigger/region-health.js';
import { failoverPorts, type ConnectOptions } from './failover-ports.js';
import { fenceWhenBack } from './fence-when-back.js';
import { openJournal } from './journal.js';
import { newRunId, runFailover, type FailoverReport } from './run-failover.js';

export interface FailoverDrillRequest extends ConnectOptions {
  plan: DRPlan;
  planText: string;
  injector: OutageInjector;
  /** Fail back to the original primary after the failover (default true). */
  failback?: boolean;
  /** How often the outage watcher looks (default 5 s). */
  lookEvery?: Duration;
  progress?: (message: string) => void;
  onEntry?: (entry: JournalEntry) => void;
  /** The failover run's id (default: a new `drill-<plan>-...` id); the server picks it to answer with it. */
  runId?: string;
  /** Who starts the drill (default `drill:<OS user>`). */
  actor?: string;
}

export interface FailoverDrillReport {
  method: string;
  outageAt: Date;
  detection: OutageDetection;
  /** From the injected outage to the trigger firing. */
  detectionTime: Duration;
  failover: FailoverReport;
  smoke: SmokeResult[];
  failback?: FailoverReport;
  succeeded: boolean;
}

/**
 * A full failover drill: inject the primary's outage, let the trigger detect it on its own, run the
 * failover runbook (the drill's starter approves its declare gate), run the smoke checks against the
 * new primary, heal and fence the old one, and fail back. RTO is measured from the injected outage, so
 * it includes detection.
 */
export async function runFailoverDrill(r: FailoverDrillRequest): Promise<FailoverDrillReport> {
  const say = r.progress ?? ((): void => undefined);
  const { from, to } = failoverRegions(r.plan);
  const clock = openJournal(r.env).clock;
  const ports = failoverPorts(r.plan, clock, r);
  const cluster = ports.clusters[from.name];
  if (!cluster) throw new Error(`no cluster connection for ${from.name}`);
  const namespaces = r.plan.spec.protection.namespaces.names;
  const actor = r.actor ?? `drill:${userInfo().username}`;

  say(`injecting the outage of ${from.name} (${r.injector.method})`);
  const outageAt = clock.now();
  await r.injector.inject(from.name);
  say(`watching ${from.name} until the trigger fires (${r.plan.spec.trigger.failingChecks} failing checks for ${r.plan.spec.trigger.unreachableFor.toString()})`);
  const detection = await watchForOutage({
    plan: r.plan, clock, interval: r.lookEvery ?? Duration.seconds(5),
    look: () => regionHealth({ region: from, cluster, probers: ports.probers, now: () => clock.now() }),
  });
  say(`trigger fired after ${Math.round((detection.detectedAt.getTime() - outageAt.getTime()) / 1000)}s: starting the failover runbook`);
  const failover = await runFailover({ plan: r.plan, planText: r.planText, namespaces, kubeconfig: r.kubeconfig, env: r.env, approve: true, actor, outageAt, onEntry: r.onEntry, runId: r.runId ?? newRunId('drill', r.plan.metadata.name) });
  const smoke = failover.result.outcome === 'succeeded' ? await smokeAfterFailover(r.plan, to.name, { probers: ports.probers, clock }) : [];

  say(`healing ${from.name} and fencing it as it returns`);
  await r.injector.clear(from.name);
  await fenceWhenBack(r.plan, from.name, { kubeconfig: r.kubeconfig, env: r.env, wait: Duration.minutes(2) });
  const wantFailback = r.failback !== false;
  const failback = wantFailback && failover.result.outcome === 'succeeded'
    ? await runFailover({ kind: 'failback', plan: r.plan, planText: r.planText, namespaces, kubeconfig: r.kubeconfig, env: r.env, approve: true, actor, onEntry: r.onEntry, runId: newRunId('drill-failback', r.plan.metadata.name) })
    : undefined;
  const succeeded = drillSucceeded(failover, smoke, wantFailback ? failback : null);
  return { method: r.injector.method, outageAt, detection, detectionTime: Duration.milliseconds(detection.detectedAt.getTime() - outageAt.getTime()), failover, smoke, failback, succeeded };
}

/** The plan's smoke checks against the new primary's ingress (none when there is no vantage point to probe from). */
async function smokeAfterFailover(plan: DRPlan, region: string, o: { probers: FailoverPorts['probers']; clock: Clock }): Promise<SmokeResult[]> {
  const prober = o.probers[0];
  return prober ? runSmokeChecks(smokeChecksFor(plan), { prober, target: ingressTarget(plan, region), clock: o.clock }) : [];
}

/** Failover succeeded, every smoke check passed, and the failback (when one was wanted: not null) succeeded. */
function drillSucceeded(failover: FailoverReport, smoke: readonly SmokeResult[], failback: FailoverReport | undefined | null): boolean {
  const failbackOk = failback === null || failback?.result.outcome === 'succeeded';
  return failover.result.outcome === 'succeeded' && smoke.every((s) => s.passed) && failbackOk;
}
