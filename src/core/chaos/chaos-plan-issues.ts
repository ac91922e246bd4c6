import type { PathIssue } from '../plan/issue-path.js';
import type { DrillChaos, PlanSpec } from '../plan/schema.js';
import { abortAfter, abortChecks, blastRadiusNamespaces, EMPTY_BLAST_RADIUS, isProtected } from './resolve-chaos.js';

const CHAOS = ['spec', 'drills', 'chaos'] as const;

/**
 * The cross-field rules of spec.drills.chaos: the blast radius stays inside what the plan protects,
 * abort checks name smoke checks that exist, and on real clusters (chaos-mesh, litmus) the outage
 * lasts past the point where the checks start counting. Called by the plan schema's superRefine, so every plan parse applies them; plans without a
 * chaos block get none.
 *
 * @example chaosPlanIssues(spec)[0]?.message // '"payments" is not protected by this plan: ...'
 */
export function chaosPlanIssues(spec: PlanSpec): PathIssue[] {
  const chaos = spec.drills.chaos;
  if (!chaos) return [];
  return [...blastRadiusIssues(spec, chaos), ...checkNameIssues(spec, chaos), ...timingIssues(spec, chaos)];
}

function blastRadiusIssues(spec: PlanSpec, chaos: DrillChaos): PathIssue[] {
  const listed = chaos.blastRadius.namespaces;
  if (listed === undefined) {
    const empty = chaos.method !== 'lab' && blastRadiusNamespaces(spec, chaos).length === 0;
    return empty ? [{ path: [...CHAOS, 'blastRadius', 'namespaces'], message: EMPTY_BLAST_RADIUS }] : [];
  }
  const { names, globs } = spec.protection.namespaces;
  const protectedList = [...names, ...globs].join(', ') || 'none by name or glob';
  return listed.flatMap((ns, i): PathIssue[] =>
    isProtected(spec, ns)
      ? []
      : [{ path: [...CHAOS, 'blastRadius', 'namespaces', i], message: `"${ns}" is not protected by this plan: spec.drills.chaos.blastRadius.namespaces must be a subset of spec.protection.namespaces (${protectedList})` }],
  );
}

function checkNameIssues(spec: PlanSpec, chaos: DrillChaos): PathIssue[] {
  const known = spec.drills.smokeChecks.map((s) => s.name);
  const listed = chaos.abortWhen.checks ?? [];
  return listed.flatMap((name, i): PathIssue[] =>
    known.includes(name)
      ? []
      : [{ path: [...CHAOS, 'abortWhen', 'checks', i], message: `"${name}" is not a smoke check of this plan: spec.drills.chaos.abortWhen.checks must name entries of spec.drills.smokeChecks (${known.join(', ') || 'none defined'})` }],
  );
}

function timingIssues(spec: PlanSpec, chaos: DrillChaos): PathIssue[] {
  if (chaos.method === 'lab' || abortChecks(spec, chaos).length === 0) return [];
  const after = abortAfter(spec, chaos);
  const duration = chaos.outage.duration;
  if (after.isShorterThan(duration)) return [];
  const afterText = chaos.abortWhen.after ? `abortWhen.after (${after.toString()})` : `abortWhen.after (default: the RTO objective, ${after.toString()})`;
  const path = chaos.abortWhen.after ? [...CHAOS, 'abortWhen', 'after'] : [...CHAOS, 'outage', 'duration'];
  return [{ path, message: `the outage lasts ${duration.toString()}, not longer than spec.drills.chaos.${afterText}, so the abort checks would never run: make the outage outlast the RTO objective (that is what a failover drill proves) or shorten abortWhen.after` }];
}
