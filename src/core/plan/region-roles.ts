import type { PathIssue } from './issue-path.js';
import type { PlanSpec } from './schema.js';

/**
 * Region checks the schema cannot express per field: unique names, and roles that fit the pattern.
 * active-passive and pilot-light fail over from one primary to a standby; active-active has no
 * primary, every region serves.
 *
 * @example regionRoleIssues(spec) // [] for one primary and one standby under active-passive
 */
export function regionRoleIssues(spec: PlanSpec): PathIssue[] {
  return [...duplicateNames(spec), ...(spec.pattern === 'active-active' ? activeActiveRoles(spec) : failoverRoles(spec))];
}

function duplicateNames(spec: PlanSpec): PathIssue[] {
  const first = new Map<string, number>();
  const issues: PathIssue[] = [];
  spec.regions.forEach((region, i) => {
    const earlier = first.get(region.name);
    if (earlier === undefined) first.set(region.name, i);
    else issues.push({ path: ['spec', 'regions', i, 'name'], message: `region name "${region.name}" is already used by spec.regions[${earlier}]` });
  });
  return issues;
}

function failoverRoles(spec: PlanSpec): PathIssue[] {
  const issues: PathIssue[] = [];
  const named = (role: string): string[] => spec.regions.filter((r) => r.role === role).map((r) => r.name);
  const primaries = named('primary');
  if (primaries.length !== 1) {
    const found = primaries.length === 0 ? 'none' : `${primaries.length} (${primaries.join(', ')})`;
    issues.push({ path: ['spec', 'regions'], message: `${spec.pattern} needs exactly one region with role primary, found ${found}` });
  }
  if (named('standby').length === 0) {
    issues.push({ path: ['spec', 'regions'], message: `${spec.pattern} needs at least one region with role standby to fail over to` });
  }
  spec.regions.forEach((region, i) => {
    if (region.role === 'active') {
      issues.push({ path: ['spec', 'regions', i, 'role'], message: `role active is for active-active plans; ${spec.pattern} uses primary and standby` });
    }
  });
  return issues;
}

function activeActiveRoles(spec: PlanSpec): PathIssue[] {
  return spec.regions.flatMap((region, i): PathIssue[] =>
    region.role === 'active' ? [] : [{ path: ['spec', 'regions', i, 'role'], message: `active-active plans have no ${region.role}: every region has role active` }],
  );
}
