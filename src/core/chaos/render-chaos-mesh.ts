import { Duration } from '../objectives/duration.js';
import type { ChaosOutageKind, DRPlan } from '../plan/schema.js';
import { formatGoDuration } from '../report/go-duration.js';
import { objectName } from './object-name.js';
import { resolveChaos, type AbortCheck, type ResolvedChaos } from './resolve-chaos.js';

/** Pods Chaos Mesh acts on: every pod of the blast radius's namespaces, of which `value` percent are hit. */
export interface ChaosMeshTarget {
  mode: 'fixed-percent';
  value: string;
  selector: { namespaces: string[] };
}

export type NetworkChaosSpec = ChaosMeshTarget & { action: 'partition'; direction: 'both' };
export type PodChaosSpec = ChaosMeshTarget & { action: 'pod-failure' | 'pod-kill'; gracePeriod?: number };

/** A Continuous HTTP StatusCheck: `failureThreshold` consecutive failures complete it as failed. */
export interface StatusCheckSpec {
  mode: 'Continuous';
  type: 'HTTP';
  intervalSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  successThreshold: number;
  http: { url: string; method: 'GET'; criteria: { statusCode: string } };
}

/** One template of a Workflow (the fields Lifeboat sets). */
export interface WorkflowTemplate {
  name: string;
  templateType: 'Parallel' | 'Serial' | 'Suspend' | 'NetworkChaos' | 'PodChaos' | 'StatusCheck';
  deadline: string;
  children?: string[];
  networkChaos?: NetworkChaosSpec;
  podChaos?: PodChaosSpec;
  abortWithStatusCheck?: boolean;
  statusCheck?: StatusCheckSpec;
}

/** A chaos-mesh.org/v1alpha1 Workflow manifest as Lifeboat renders it. */
export interface ChaosMeshWorkflow {
  apiVersion: 'chaos-mesh.org/v1alpha1';
  kind: 'Workflow';
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: { entry: string; templates: WorkflowTemplate[] };
}

const ENTRY = 'outage';
const GRACE = 'grace';
/** Room left in template names for the suffix Chaos Mesh appends to name each workflow node. */
const TEMPLATE_NAME_MAX = 50;

/**
 * Renders the plan's drill outage as one Chaos Mesh Workflow. Its entry runs in parallel, for the
 * outage's duration: the outage itself (NetworkChaos `partition` in both directions with no target,
 * which drops every packet to and from the pods; PodChaos `pod-failure` or `pod-kill`), each over
 * `maxPodsPercent` percent of the pods in the blast radius's namespaces, and one guard per abort check:
 * a Suspend for `abortWhen.after`, then a Continuous HTTP StatusCheck with `abortWithStatusCheck`, so
 * `failingChecks` consecutive failures abort the whole Workflow and Chaos Mesh removes the outage.
 * A Workflow (not bare chaos objects) is what lets a status check call the outage off; inside it, chaos
 * lasts for its template's deadline (Chaos Mesh rejects `duration` there).
 *
 * @throws InputError when the plan has no chaos block or its blast radius is empty.
 * @example renderChaosMesh(plan)[0].spec.templates.map((t) => t.name) // ['outage', 'network-partition', 'grace', 'guard-healthz', 'abort-healthz']
 */
export function renderChaosMesh(plan: DRPlan): ChaosMeshWorkflow[] {
  const chaos = resolveChaos(plan, 'chaos-mesh');
  const outage = chaos.kinds.map((kind) => outageTemplate(chaos, kind));
  const guards = chaos.abort.checks.map((check) => guardTemplates(chaos, check));
  const deadline = formatGoDuration(chaos.duration);
  const entry: WorkflowTemplate = { name: ENTRY, templateType: 'Parallel', deadline, children: [...outage.map((t) => t.name), ...guards.map((g) => g.root)] };
  const waits = hasGrace(chaos) && guards.length > 0 ? [{ name: GRACE, templateType: 'Suspend' as const, deadline: formatGoDuration(chaos.abort.after) }] : [];
  return [{
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind: 'Workflow',
    metadata: { name: objectName(['lifeboat', plan.metadata.name, 'outage']), namespace: chaos.namespace, labels: { ...chaos.labels } },
    spec: { entry: ENTRY, templates: [entry, ...outage, ...waits, ...guards.flatMap((g) => g.templates)] },
  }];
}

function outageTemplate(chaos: ResolvedChaos, kind: ChaosOutageKind): WorkflowTemplate {
  const target: ChaosMeshTarget = { mode: 'fixed-percent', value: String(chaos.maxPodsPercent), selector: { namespaces: [...chaos.namespaces] } };
  const deadline = formatGoDuration(chaos.duration);
  if (kind === 'network-partition') {
    return { name: kind, templateType: 'NetworkChaos', deadline, networkChaos: { action: 'partition', direction: 'both', ...target } };
  }
  // pod-kill deletes at once (gracePeriod 0), as a crash would; pod-failure keeps the pods down for the deadline.
  const podChaos: PodChaosSpec = kind === 'pod-kill' ? { action: 'pod-kill', gracePeriod: 0, ...target } : { action: 'pod-failure', ...target };
  return { name: kind, templateType: 'PodChaos', deadline, podChaos };
}

function guardTemplates(chaos: ResolvedChaos, check: AbortCheck): { root: string; templates: WorkflowTemplate[] } {
  const grace = hasGrace(chaos);
  const watch = chaos.duration.minus(grace ? chaos.abort.after : Duration.zero);
  const abort: WorkflowTemplate = {
    name: objectName(['abort', check.name], TEMPLATE_NAME_MAX),
    templateType: 'StatusCheck',
    deadline: formatGoDuration(watch),
    abortWithStatusCheck: true,
    statusCheck: statusCheck(chaos, check),
  };
  if (!grace) return { root: abort.name, templates: [abort] };
  const guard: WorkflowTemplate = { name: objectName(['guard', check.name], TEMPLATE_NAME_MAX), templateType: 'Serial', deadline: formatGoDuration(chaos.duration), children: [GRACE, abort.name] };
  return { root: guard.name, templates: [guard, abort] };
}

function statusCheck(chaos: ResolvedChaos, check: AbortCheck): StatusCheckSpec {
  const intervalSeconds = Math.ceil(chaos.abort.interval.toSeconds());
  return {
    mode: 'Continuous',
    type: 'HTTP',
    intervalSeconds,
    timeoutSeconds: Math.min(5, intervalSeconds),
    failureThreshold: chaos.abort.failingChecks,
    successThreshold: 1,
    http: { url: check.url, method: 'GET', criteria: { statusCode: String(check.expectStatus) } },
  };
}

const hasGrace = (chaos: ResolvedChaos): boolean => chaos.abort.after.toMilliseconds() > 0;
