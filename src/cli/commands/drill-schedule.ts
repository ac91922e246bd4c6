import { Command } from 'commander';
import { Duration } from '../../core/objectives/duration.js';
import { drillSchedule, hasDueDrills, type DrillScheduleRow } from '../../core/drills/drill-schedule.js';
import { parsePlans } from '../../core/plan/parse-plan.js';
import type { DRPlan } from '../../core/plan/schema.js';
import { readDrillHistory } from '../../wiring/drill-history.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { formatTable } from '../output/format-table.js';
import { formatOutput, outputOption, type OutputFormat } from '../output/output-format.js';
import { palette, type Palette } from '../output/palette.js';
import { readInputFile } from '../read-input-file.js';

/**
 * `lifeboat drill schedule PLAN...`: each plan's drill calendar from the drills recorded in the state
 * directory: per kind the cadence as cron, the last run, when the next drill is due and how overdue
 * it is. Exit 1 when a drill is overdue or was never run, as `lifeboat status` reports it.
 */
export function drillScheduleCommand(ctx: CliContext): Command {
  return new Command('schedule')
    .description('when each kind of drill is due: cadence, last run, next due, overdue by')
    .argument('<plans...>', 'plan files (YAML; several plans per file allowed)')
    .addOption(outputOption())
    .action(async (files: string[], options: { output: OutputFormat }) => {
      const plans: DRPlan[] = [];
      for (const file of files) plans.push(...parsePlans(await readInputFile(file, ctx.cwd), file));
      const history = readDrillHistory(ctx.env);
      const now = new Date();
      const schedules = await Promise.all(plans.map(async (plan) => ({ plan: plan.metadata.name, drills: drillSchedule(plan, await history.drills(plan.metadata.name), now) })));
      const style = palette(ctx.stdout, ctx.env);
      ctx.stdout.write(formatOutput(options.output, schedules, () => formatTable(HEADERS, schedules.flatMap((s) => s.drills.map((r) => rowOf(s.plan, r, now, style))))));
      if (schedules.some((s) => hasDueDrills(s.drills))) ctx.status.exitCode = ExitCode.findings;
    });
}

const HEADERS = ['PLAN', 'KIND', 'CADENCE', 'CRON (UTC)', 'LAST RUN', 'NEXT DUE', 'STATE', 'NEXT SLOT'];

function rowOf(plan: string, r: DrillScheduleRow, now: Date, style: Palette): string[] {
  const last = r.lastRun ? `${minute(r.lastRun.finishedAt)} ${r.lastRun.succeeded ? 'succeeded' : 'failed'}` : 'never';
  return [plan, r.kind, r.cadence, r.cron, last, r.nextDue ? minute(r.nextDue) : 'now', stateOf(r, now, style), r.nextSlot ? minute(r.nextSlot) : '-'];
}

function stateOf(r: DrillScheduleRow, now: Date, style: Palette): string {
  if (r.state === 'never') return style.red(r.lastRun ? 'due now: none succeeded' : 'due now: never run');
  if (r.state === 'overdue') return style.red(`overdue by ${r.overdueBy?.toString() ?? '?'}`);
  const left = r.nextDue ? Math.max(0, r.nextDue.getTime() - now.getTime()) : 0;
  return style.green(`ok, due in ${Duration.hours(Math.floor(left / 3_600_000)).toString()}`);
}

/** `2026-03-02 09:00` (UTC). */
function minute(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')}Z`;
}
