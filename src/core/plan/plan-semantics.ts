import { backupReferenceIssues } from './backup-references.js';
import type { PathIssue } from './issue-path.js';
import { regionRoleIssues } from './region-roles.js';
import type { PlanSpec } from './schema.js';

/** Capacity types that can bring up each pattern's recovery region. */
const CAPACITY_FOR: Record<PlanSpec['pattern'], ReadonlyArray<PlanSpec['capacity']['type']>> = {
  'active-passive': ['deployment-replicas', 'cluster-api', 'karpenter'],
  'active-active': ['none'],
  'pilot-light': ['cluster-api', 'karpenter'],
};

const CAPACITY_WHY: Record<PlanSpec['pattern'], string> = {
  'active-passive': 'its standby runs scaled down and must be scaled up on failover: use deployment-replicas, cluster-api or karpenter',
  'active-active': 'every region already runs full production, so failover scales nothing: use type none',
  'pilot-light': 'its recovery region has no worker nodes, so failover must add them: use cluster-api (MachineDeployment) or karpenter (NodePool)',
};

/**
 * The cross-field rules of a DRPlan spec (the per-field rules live in the schema). Each issue names
 * the path at fault, relative to the document root. Called by the schema's superRefine, so every
 * consumer of `drPlanSchema` (files, flags, HTTP bodies) gets the same rules.
 *
 * @example validatePlanSemantics(plan.spec) // [] for a consistent plan
 */
export function validatePlanSemantics(spec: PlanSpec): PathIssue[] {
  return [...regionRoleIssues(spec), ...weightIssues(spec), ...backupReferenceIssues(spec), ...capacityIssues(spec), ...notificationIssues(spec), ...triggerIssues(spec)];
}

function weightIssues(spec: PlanSpec): PathIssue[] {
  const weights = spec.traffic.weights;
  if (!weights) return [];
  const regions = new Set(spec.regions.map((r) => r.name));
  const issues: PathIssue[] = Object.keys(weights)
    .filter((name) => !regions.has(name))
    .map((name) => ({ path: ['spec', 'traffic', 'weights', name], message: `"${name}" is not a region of this plan (regions: ${[...regions].join(', ')})`, at: 'key' as const }));
  const sum = Object.values(weights).reduce((a, b) => a + b, 0);
  if (sum !== 100) issues.push({ path: ['spec', 'traffic', 'weights'], message: `weights must add up to 100, they add up to ${sum}` });
  return issues;
}

function capacityIssues(spec: PlanSpec): PathIssue[] {
  if (CAPACITY_FOR[spec.pattern].includes(spec.capacity.type)) return [];
  return [{ path: ['spec', 'capacity', 'type'], message: `capacity type ${spec.capacity.type} does not fit ${spec.pattern}: ${CAPACITY_WHY[spec.pattern]}` }];
}

function notificationIssues(spec: PlanSpec): PathIssue[] {
  return spec.notifications.flatMap((n, i): PathIssue[] => {
    if (n.type !== 'smtp') return [];
    const issues: PathIssue[] = [];
    if (!n.to || n.to.length === 0) issues.push({ path: ['spec', 'notifications', i, 'to'], message: 'smtp notifications need at least one recipient in "to"' });
    if (!n.server) issues.push({ path: ['spec', 'notifications', i, 'server'], message: 'smtp notifications need "server" as host:port, e.g. smtp.example.com:587' });
    return issues;
  });
}

function triggerIssues(spec: PlanSpec): PathIssue[] {
  const { quorum, vantagePoints } = spec.trigger;
  if (quorum <= vantagePoints.length) return [];
  return [{ path: ['spec', 'trigger', 'quorum'], message: `quorum ${quorum} can never be reached with ${vantagePoints.length} vantage point${vantagePoints.length === 1 ? '' : 's'}` }];
}
