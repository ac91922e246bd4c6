import type { RegionView } from '../../core/drills/observe-regions.js';
import { stepTouches } from '../../core/drills/step-touches.js';
import { tabletopSteps } from '../../core/drills/tabletop-steps.js';
import type { DRPlan } from '../../core/plan/schema.js';
import type { RunbookNode } from '../../core/runbook/runbook.js';

/**
 * `failover --dry-run`: each step of the runbook in order, with its budget, what it would run (the
 * commands a person would type) and, when the clusters were read, what it would touch there now.
 * Nothing is changed; the lines are the same the tabletop shows.
 */
export function formatDryRun(plan: DRPlan, runbook: RunbookNode, views: readonly RegionView[] | undefined, now: Date): string {
  const lines: string[] = [];
  for (const s of tabletopSteps(plan, runbook)) {
    const along = s.parallelWith.length > 0 ? ` (in parallel with ${s.parallelWith.join(', ')})` : '';
    lines.push(`${s.kind.padEnd(4)}  ${s.id.padEnd(24)} ${s.budget.toString().padStart(6)}  ${s.title}${along}`);
    for (const c of s.commands) lines.push(`        would run: ${c}`);
    for (const t of views ? stepTouches(plan, s, views, now) : []) lines.push(`        touches:   ${t}`);
  }
  return `${lines.join('\n')}\n`;
}
