import { Command } from 'commander';
import { parsePlan } from '../../core/plan/parse-plan.js';
import { formatEntry } from '../../core/runbook/format-entry.js';
import type { JournalEntry } from '../../core/runbook/journal-entry.js';
import { labFullDrill } from '../../lab/lab-drill.js';
import { closeFailoverDrill } from '../../wiring/drill-evidence.js';
import { chaosInjectorFor } from '../../wiring/outage-injector.js';
import { runFailoverDrill, type FailoverDrillReport } from '../../wiring/run-failover-drill.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { formatFailoverSummary } from '../output/failover-summary.js';
import { palette } from '../output/palette.js';
import type { GlobalOptions } from '../program.js';
import { readInputFile } from '../read-input-file.js';

/**
 * `lifeboat drill failover PLAN`: the full failover drill. Injects the primary's outage (the lab's real
 * link cut with `--lab`, else the plan's Chaos Mesh or Litmus experiments), lets the trigger detect it on
 * its own, runs the failover runbook, the smoke checks, heals and fences the old primary, fails back,
 * and writes the signed evidence with detection time, RTO, RPO and each phase against its budget.
 */
export function drillFailoverCommand(ctx: CliContext): Command {
  return new Command('failover')
    .description('full failover drill: inject the outage, detect it, fail over, check, fail back; signed evidence')
    .argument('<plan>', 'DR plan file')
    .option('--lab', 'drill on the local lab: reset it to baseline, take a fresh backup, cut region-a\'s link')
    .option('--no-failback', 'stop after the failover and its smoke checks')
    .option('--no-pdf', 'leave report.pdf out of the evidence (no Chromium needed)')
    .action(async (file: string, o: { lab?: boolean; failback: boolean; pdf: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const style = palette(ctx.stdout, ctx.env);
      const say = (m: string): void => { ctx.stderr.write(`${style.dim(new Date().toISOString().slice(11, 19))} ${m}\n`); };
      const onEntry = (e: JournalEntry): void => { ctx.stdout.write(`  ${formatEntry(e)}\n`); };
      const text = await readInputFile(file, ctx.cwd);
      const plan = parsePlan(text, file);
      const drill = o.lab
        ? (await labFullDrill({ planFile: file, progress: say, onEntry, failback: o.failback, kubeconfig: global.kubeconfig, env: ctx.env })).drill
        : await runFailoverDrill({ plan, planText: text, kubeconfig: global.kubeconfig, env: ctx.env, injector: chaosInjectorFor(plan, { kubeconfig: global.kubeconfig, env: ctx.env }), failback: o.failback, progress: say, onEntry });
      const bundle = await closeFailoverDrill(plan, drill, { kubeconfig: global.kubeconfig, env: ctx.env, ...(o.pdf ? {} : { pdf: false as const }) });
      ctx.stdout.write(formatDrill(drill, style));
      ctx.stdout.write(`evidence: ${bundle.dir} (verify with: lifeboat evidence verify ${bundle.dir})\n`);
      if (!drill.succeeded || drill.failover.outcome.objectives.rtoMet === false || drill.failover.outcome.objectives.rpoMet === false) ctx.status.exitCode = ExitCode.findings;
    });
}

/** The drill's summary: the failover's RTO/RPO and phases, then detection, smoke checks and failback. */
export function formatDrill(drill: FailoverDrillReport, style: ReturnType<typeof palette>): string {
  const lines = [
    formatFailoverSummary(drill.failover.result, drill.failover.outcome, style).trimEnd(),
    `detection:   ${drill.detectionTime.toString()} from the injected outage to the trigger firing (${drill.method})`,
    ...drill.smoke.map((s) => `smoke check: ${s.name} ${s.passed ? style.green('passed') : style.red('FAILED')} (${s.detail})`),
    drill.failback ? `failback:    ${drill.failback.result.outcome === 'succeeded' ? style.green('succeeded') : style.red(drill.failback.result.outcome)} (run ${drill.failback.runId})` : 'failback:    not run',
    `drill:       ${drill.succeeded ? style.green('PASSED') : style.red('FAILED')}`,
  ];
  return `${lines.join('\n')}\n`;
}
