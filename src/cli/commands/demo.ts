import { join } from 'node:path';
import { Command } from 'commander';
import { formatEntry } from '../../core/runbook/format-entry.js';
import { labFullDrill } from '../../lab/lab-drill.js';
import { repoRoot } from '../../lab/lab-config.js';
import { closeFailoverDrill } from '../../wiring/drill-evidence.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { palette } from '../output/palette.js';
import { formatDrill } from './drill-failover.js';

/**
 * `lifeboat demo`: the main job. Brings the lab up (building it on a fresh machine) and runs a full
 * failover drill of the seeded platform: a fresh backup, region-a's link really cut, the trigger left to
 * detect it, the failover runbook, smoke checks, failback. Prints the measured detection time, RTO and
 * RPO with each phase against its budget, and where the signed evidence (HTML, PDF, ...) is.
 */
export function demoCommand(ctx: CliContext): Command {
  return new Command('demo')
    .description('bring up the lab and run a full failover drill, printing the measured RTO/RPO and the evidence')
    .option('--plan <file>', 'the DR plan to drill', join(repoRoot, 'examples', 'lab.yaml'))
    .option('--no-failback', 'stop after the failover and its smoke checks')
    .option('--no-pdf', 'leave report.pdf out of the evidence (no Chromium needed)')
    .action(async (options: { plan: string; failback: boolean; pdf: boolean }) => {
      const style = palette(ctx.stdout, ctx.env);
      const say = (m: string): void => { ctx.stderr.write(`${style.dim(new Date().toISOString().slice(11, 19))} ${m}\n`); };
      const { plan, drill } = await labFullDrill({
        planFile: options.plan, progress: say, failback: options.failback,
        onEntry: (e) => { ctx.stdout.write(`  ${formatEntry(e)}\n`); },
      });
      say('writing the signed evidence bundle (JSON, Markdown, JUnit, HTML, PDF)');
      const bundle = await closeFailoverDrill(plan, drill, { env: ctx.env, ...(options.pdf ? {} : { pdf: false as const }) });
      ctx.stdout.write(formatDrill(drill, style));
      ctx.stdout.write(`report:   ${join(bundle.dir, 'report.html')}\nevidence: ${bundle.dir} (verify with: lifeboat evidence verify ${bundle.dir})\n`);
      const o = drill.failover.outcome;
      if (!drill.succeeded || o.objectives.rtoMet === false || o.objectives.rpoMet === false) ctx.status.exitCode = ExitCode.findings;
    });
}
