import { Duration } from '../../core/objectives/duration.js';
import type { PlanPosture } from '../../core/posture/assess-plans.js';
import { sortFindings } from '../../core/posture/finding.js';
import type { GatherError } from '../../core/posture/gather-posture.js';
import { formatTable } from './format-table.js';
import type { Palette } from './palette.js';

/**
 * The human view of `lifeboat status`: one line per plan (objectives held or breached), then every
 * finding worst first across plans, then what could not be read.
 */
export function formatPostureTable(results: readonly PlanPosture[], errors: readonly GatherError[], style: Palette): string {
  const state = (s: string): string => (s === 'breached' ? style.red(s) : s === 'held' ? style.green(s) : style.yellow(s));
  const plans = formatTable(['plan', 'rpo', 'rto', 'worst rpo', 'predicted rto', 'uncovered'], results.map((r) => [
    r.plan, state(r.summary.objectives.rpo), state(r.summary.objectives.rto), worstRpo(r), `${Duration.seconds(r.summary.predictedRtoSeconds).toString()} (${r.summary.predictedRtoSource})`, String(r.summary.uncoveredNamespaces),
  ]));
  const colour = { error: style.red, warning: style.yellow, info: style.dim } as const;
  const findings = sortFindings(results.flatMap((r) => r.findings.map((f) => ({ ...f, plan: r.plan }))));
  const table = findings.length === 0 ? 'No findings.\n' : formatTable(['plan', 'severity', 'id', 'message', 'fix'], findings.map((f) => [f.plan, colour[f.severity](f.severity), f.id, f.message, f.fix]));
  const unread = errors.map((e) => `${style.red('unreadable:')} ${e.plan}${e.region ? `/${e.region}` : ''} ${e.source}: ${e.message}\n`).join('');
  return `${plans}\n${table}${unread ? `\n${unread}` : ''}`;
}

function worstRpo(r: PlanPosture): string {
  const values = Object.values(r.summary.rpoAchievedSeconds);
  if (values.length === 0) return '-';
  if (values.some((v) => v === null)) return 'none';
  return Duration.seconds(Math.max(...(values as number[]))).toString();
}
