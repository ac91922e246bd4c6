import { join } from 'node:path';
import { Command } from 'commander';
import { formatEntry } from '../../core/runbook/format-entry.js';
import { labFailoverDrill } from '../../lab/lab-drill.js';
import { repoRoot } from '../../lab/lab-config.js';
import { stateDirOf } from '../../wiring/journal.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { formatFailoverSummary } from '../output/failover-summary.js';
import { palette } from '../output/palette.js';
import { writeRunReport } from '../report-file.js';

/**
 * `lifeboat demo`: the main job. Brings the lab up (building it on a fresh machine), runs a full
 * failover drill of the seeded platform (fresh backup, real outage of region-a, the failover runbook),
 * and prints the measured RTO and RPO with each phase against its budget.
 */
export function demoCommand(ctx: CliContext): Command {
  return new Command('demo')
    .description('bring up the lab and run a full failover drill, printing the measured RTO/RPO')
    .option('--plan <file>', 'the DR plan to drill', join(repoRoot, 'examples', 'lab.yaml'))
    .action(async (options: { plan: string }) => {
      const style = palette(ctx.stdout, ctx.env);
      const say = (m: string): void => { ctx.stderr.write(`${style.dim(new Date().toISOString().slice(11, 19))} ${m}\n`); };
      const drill = await labFailoverDrill({
        planFile: options.plan,
        progress: say,
        onEntry: (e) => { ctx.stdout.write(`  ${formatEntry(e)}\n`); },
      });
      const { report } = drill;
      ctx.stdout.write(formatFailoverSummary(report.result, report.outcome, style));
      const file = writeRunReport(stateDirOf(ctx.env), report, { kind: 'failover-drill', plan: drill.plan.metadata.name, backups: drill.backups });
      ctx.stdout.write(`report: ${file}\n`);
      if (report.result.outcome !== 'succeeded' || report.outcome.objectives.rtoMet === false || report.outcome.objectives.rpoMet === false) ctx.status.exitCode = ExitCode.findings;
    });
}
