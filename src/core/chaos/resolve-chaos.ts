import { InputError } from '../errors.js';
import type { Duration } from '../objectives/duration.js';
import { globMatches } from '../plan/namespace-coverage.js';
import type { ChaosOutageKind, DRPlan, DrillChaos, PlanSpec } from '../plan/schema.js';

/** The chaos tools Lifeboat renders experiments for. */
export type ChaosTool = 'chaos-mesh' | 'litmus';

/** A smoke check the experiment watches: when it fails often enough, the outage is called off. */
export interface AbortCheck {
  name: string;
  url: string;
  expectStatus: number;
}

/** A plan's chaos block with every default that depends on the rest of the plan filled in. */
export interface ResolvedChaos {
  tool: ChaosTool;
  /** Namespace the chaos objects live in. */
  namespace: string;
  /** Litmus: the runner's and experiments' service account. */
  serviceAccount: string;
  kinds: ChaosOutageKind[];
  duration: Duration;
  /** The blast radius: only pods in these namespaces are hit. */
  namespaces: string[];
  maxPodsPercent: number;
  abort: { checks: AbortCheck[]; failingChecks: number; after: Duration; interval: Duration };
  /** Labels every rendered object carries. */
  labels: Record<string, string>;
}

const DEFAULT_NAMESPACE: Record<ChaosTool, string> = { 'chaos-mesh': 'chaos-mesh', litmus: 'litmus' };

/**
 * The plan's chaos block as one tool would run it: blast radius defaulting to the namespaces the plan
 * protects by name, abort checks to every smoke check, thresholds to the trigger's failingChecks, the
 * grace before checks count to the RTO objective.
 *
 * @throws InputError when the plan has no spec.drills.chaos block or its blast radius names no namespace.
 * @example resolveChaos(plan, 'chaos-mesh').namespaces // ['production', 'monitoring']
 */
export function resolveChaos(plan: DRPlan, tool: ChaosTool): ResolvedChaos {
  const chaos = plan.spec.drills.chaos;
  if (!chaos) throw new InputError([{ path: 'spec.drills.chaos', message: 'the plan has no chaos block to render; add one (docs/chaos.md)' }]);
  const namespaces = blastRadiusNamespaces(plan.spec, chaos);
  if (namespaces.length === 0) throw new InputError([{ path: 'spec.drills.chaos.blastRadius.namespaces', message: EMPTY_BLAST_RADIUS }]);
  return {
    tool,
    namespace: chaos.namespace ?? DEFAULT_NAMESPACE[tool],
    serviceAccount: chaos.serviceAccount ?? 'litmus-admin',
    kinds: chaos.outage.kind,
    duration: chaos.outage.duration,
    namespaces,
    maxPodsPercent: chaos.blastRadius.maxPodsPercent,
    abort: {
      checks: abortChecks(plan.spec, chaos),
      failingChecks: chaos.abortWhen.failingChecks ?? plan.spec.trigger.failingChecks,
      after: abortAfter(plan.spec, chaos),
      interval: chaos.abortWhen.interval,
    },
    labels: { 'app.kubernetes.io/managed-by': 'lifeboat', 'lifeboat.dev/plan': plan.metadata.name },
  };
}

export const EMPTY_BLAST_RADIUS =
  'names no namespace: list the namespaces to take down here (a subset of spec.protection.namespaces); namespaces the plan protects only by glob or label selector are not taken down unless named';

/** The namespaces the outage hits: as written, else every namespace the plan protects by name (less exclusions). */
export function blastRadiusNamespaces(spec: PlanSpec, chaos: DrillChaos): string[] {
  return chaos.blastRadius.namespaces ?? spec.protection.namespaces.names.filter((ns) => isProtected(spec, ns));
}

/** True when the plan protects this namespace by name or glob and does not exclude it. */
export function isProtected(spec: PlanSpec, namespace: string): boolean {
  const { names, globs, exclude } = spec.protection.namespaces;
  const included = names.includes(namespace) || globs.some((g) => globMatches(g, namespace));
  return included && !exclude.some((g) => globMatches(g, namespace));
}

/** The smoke checks named by abortWhen.checks (all of them when it is left out), with the URL each probes. */
export function abortChecks(spec: PlanSpec, chaos: DrillChaos): AbortCheck[] {
  const wanted = chaos.abortWhen.checks;
  const host = spec.traffic.record.replace(/\.$/, '');
  return spec.drills.smokeChecks
    .filter((s) => wanted === undefined || wanted.includes(s.name))
    .map((s) => ({ name: s.name, url: s.url ?? `http://${host}${s.path ?? '/'}`, expectStatus: s.expectStatus }));
}

/** How long into the outage the abort checks start counting. */
export function abortAfter(spec: PlanSpec, chaos: DrillChaos): Duration {
  return chaos.abortWhen.after ?? spec.objectives.rto;
}
