import { Duration } from '../objectives/duration.js';
import type { ChaosOutageKind, DRPlan } from '../plan/schema.js';
import { formatGoDuration } from '../report/go-duration.js';
import { objectName } from './object-name.js';
import { resolveChaos, type AbortCheck, type ResolvedChaos } from './resolve-chaos.js';

export interface LitmusEnvVar {
  name: string;
  value: string;
}

/** A Continuous httpProbe with stopOnFailure: `attempt` failed tries in a row stop the ChaosEngine. */
export interface LitmusHttpProbe {
  name: string;
  type: 'httpProbe';
  mode: 'Continuous';
  'httpProbe/inputs': { url: string; insecureSkipVerify: false; method: { get: { criteria: '=='; responseCode: string } } };
  runProperties: { probeTimeout: string; interval: string; attempt: number; probePollingInterval: string; initialDelay?: string; stopOnFailure: true };
}

/** A litmuschaos.io/v1alpha1 ChaosEngine manifest as Lifeboat renders it: one experiment on one namespace. */
export interface LitmusChaosEngine {
  apiVersion: 'litmuschaos.io/v1alpha1';
  kind: 'ChaosEngine';
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: {
    engineState: 'active';
    appinfo: { appns: string };
    chaosServiceAccount: string;
    jobCleanUpPolicy: 'delete';
    experiments: Array<{ name: LitmusExperiment; spec: { components: { env: LitmusEnvVar[] }; probe?: LitmusHttpProbe[] } }>;
  };
}

/** The ChaosHub experiments Lifeboat uses; each must be installed as a ChaosExperiment in the engine's namespace. */
export type LitmusExperiment = 'pod-network-loss' | 'pod-delete';

const EXPERIMENT: Record<ChaosOutageKind, LitmusExperiment> = { 'network-partition': 'pod-network-loss', 'pod-failure': 'pod-delete', 'pod-kill': 'pod-delete' };
/** pod-failure keeps deleting the pods at Litmus's default pace, so they stay down for the outage. */
const POD_FAILURE_INTERVAL_SECONDS = 10;

/**
 * Renders the plan's drill outage as Litmus ChaosEngines, one per outage kind and blast-radius
 * namespace (an engine's appinfo names one namespace; with no label or kind, Litmus picks from every
 * pod in it), all started together. network-partition runs `pod-network-loss` at 100% loss, Litmus's
 * closest match to a partition from everything (`pod-network-partition` needs one app label and a
 * NetworkPolicy-enforcing CNI); pod-failure runs `pod-delete` every 10s for the duration; pod-kill runs
 * one `pod-delete` round. PODS_AFFECTED_PERC carries maxPodsPercent. Each abort check becomes a
 * Continuous httpProbe with stopOnFailure on every engine, so `failingChecks` failed attempts in a row,
 * counted after `abortWhen.after`, stop the outage everywhere.
 *
 * @throws InputError when the plan has no chaos block or its blast radius is empty.
 * @example renderLitmus(plan).map((e) => e.spec.appinfo.appns) // ['production', 'monitoring']
 */
export function renderLitmus(plan: DRPlan): LitmusChaosEngine[] {
  const chaos = resolveChaos(plan, 'litmus');
  const probes = chaos.abort.checks.map((check) => httpProbe(chaos, check));
  return chaos.kinds.flatMap((kind) =>
    chaos.namespaces.map((ns): LitmusChaosEngine => ({
      apiVersion: 'litmuschaos.io/v1alpha1',
      kind: 'ChaosEngine',
      metadata: { name: objectName(['lifeboat', plan.metadata.name, kind, ns]), namespace: chaos.namespace, labels: { ...chaos.labels } },
      spec: {
        engineState: 'active',
        appinfo: { appns: ns },
        chaosServiceAccount: chaos.serviceAccount,
        jobCleanUpPolicy: 'delete',
        experiments: [{ name: EXPERIMENT[kind], spec: { components: { env: experimentEnv(chaos, kind) }, ...(probes.length > 0 ? { probe: probes } : {}) } }],
      },
    })),
  );
}

function experimentEnv(chaos: ResolvedChaos, kind: ChaosOutageKind): LitmusEnvVar[] {
  const seconds = Math.ceil(chaos.duration.toSeconds());
  const common = [env('TOTAL_CHAOS_DURATION', seconds), env('PODS_AFFECTED_PERC', chaos.maxPodsPercent)];
  if (kind === 'network-partition') return [...common, env('NETWORK_PACKET_LOSS_PERCENTAGE', 100)];
  const interval = kind === 'pod-kill' ? seconds : Math.min(POD_FAILURE_INTERVAL_SECONDS, seconds);
  return [...common, env('CHAOS_INTERVAL', interval), env('FORCE', 'true')];
}

function httpProbe(chaos: ResolvedChaos, check: AbortCheck): LitmusHttpProbe {
  const { interval, after, failingChecks } = chaos.abort;
  const timeout = interval.isShorterThan(Duration.seconds(5)) ? interval : Duration.seconds(5);
  return {
    name: objectName(['abort', check.name]),
    type: 'httpProbe',
    mode: 'Continuous',
    'httpProbe/inputs': { url: check.url, insecureSkipVerify: false, method: { get: { criteria: '==', responseCode: String(check.expectStatus) } } },
    runProperties: {
      probeTimeout: formatGoDuration(timeout),
      interval: formatGoDuration(interval),
      attempt: failingChecks,
      probePollingInterval: formatGoDuration(interval),
      ...(after.toMilliseconds() > 0 ? { initialDelay: formatGoDuration(after) } : {}),
      stopOnFailure: true,
    },
  };
}

const env = (name: string, value: number | string): LitmusEnvVar => ({ name, value: String(value) });
