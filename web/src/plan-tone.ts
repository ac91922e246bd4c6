import type { PlanSummary } from './api/types';
import type { Tone } from './ui/status-badge';

/**
 * The colour a plan shows. The server's status, except that a plan whose posture was never evaluated
 * and whose own analysis found nothing is "not checked", never a green it has not earned.
 */
export function toneOfPlan(p: PlanSummary): Tone {
  if (p.status === 'ok' && p.evaluatedAt === null) return 'unknown';
  return p.status;
}

const RANK: Record<Tone, number> = { breach: 0, warn: 1, running: 2, unknown: 3, ok: 4 };

/** Worst first: breach, warning, not checked, ok; the server's order within each. */
export function worstFirst(plans: readonly PlanSummary[]): PlanSummary[] {
  return plans.map((p, i) => ({ p, i })).sort((a, b) => RANK[toneOfPlan(a.p)] - RANK[toneOfPlan(b.p)] || a.i - b.i).map(({ p }) => p);
}

/** The achieved RPO against the objective, in words and a tone. */
export function rpoVerdict(p: PlanSummary): { text: string; tone: Tone } {
  const a = p.achievedRpo;
  if (!a) return { text: 'not measured yet', tone: 'unknown' };
  if (a.seconds === null) return { text: `nothing restorable in ${a.namespace}`, tone: 'breach' };
  return { text: `${a.namespace}: newest backup ${formatAge(a.seconds)} old`, tone: a.seconds > p.objectives.rpoSeconds ? 'breach' : 'ok' };
}

function formatAge(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)}m`;
  return `${(seconds / 3600).toFixed(1)}h`;
}
