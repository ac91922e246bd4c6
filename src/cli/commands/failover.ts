import { Command } from 'commander';
import { parsePlan } from '../../core/plan/parse-plan.js';
import { failbackRunbook } from '../../core/runbook/failover/failback-runbook.js';
import { failoverRunbook } from '../../core/runbook/failover/failover-runbook.js';
import { nodesOf, type RunbookNode } from '../../core/runbook/runbook.js';
import { observePlanRegions } from '../../wiring/observe-plan-regions.js';
import { formatDryRun } from '../output/dry-run.js';
import { openJournal } from '../../wiring/journal.js';
import { runFailover } from '../../wiring/run-failover.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { formatFailoverSummary } from '../output/failover-summary.js';
import { runView } from '../output/live-run-view.js';
import { palette } from '../output/palette.js';
import { readInputFile } from '../read-input-file.js';
import { writeRunEvidence } from '../../wiring/drill-evidence.js';
import type { GlobalOptions } from '../program.js';

/**
 * `lifeboat failover PLAN`: runs the plan's failover runbook through the engine, journaled in the state
 * directory (resume with `lifeboat run resume RUN` after a crash). `--yes` gives the starter's approval
 * to the declare gate; `--dry-run` prints the runbook with budgets and touches nothing.
 */
export function failoverCommand(ctx: CliContext): Command {
  return runbookCommand(ctx, 'failover', 'fail the plan over to its standby region (journaled, resumable)');
}

/**
 * `lifeboat failback PLAN`: after a failover, once the primary has recovered: back up the standby,
 * restore into the primary, shift traffic back 10% -> 50% -> 100% behind health gates (a failed gate
 * rolls the shift back), return the standby to its standby size.
 */
export function failbackCommand(ctx: CliContext): Command {
  return runbookCommand(ctx, 'failback', 'return service to the recovered primary, gradually, behind health gates');
}

function runbookCommand(ctx: CliContext, kind: 'failover' | 'failback', description: string): Command {
  return new Command(kind)
    .description(description)
    .argument('<plan>', 'DR plan file')
    .option('--yes', 'approve the declare gate as the person starting the failover')
    .option('--dry-run', 'walk the runbook against the live clusters: what each step would run and touch, with budgets; change nothing')
    .option('--offline', 'with --dry-run: do not read the clusters')
    .option('--no-pdf', 'leave report.pdf out of the evidence (no Chromium needed)')
    .action(async (file: string, options: { yes?: boolean; dryRun?: boolean; offline?: boolean; pdf: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const text = await readInputFile(file, ctx.cwd);
      const plan = parsePlan(text, file);
      const namespaces = plan.spec.protection.namespaces.names;
      if (options.dryRun) {
        const runbook = kind === 'failback' ? failbackRunbook(plan, namespaces) : failoverRunbook(plan, namespaces);
        const views = options.offline || kind === 'failback' ? undefined : await observePlanRegions(plan, { kubeconfig: global.kubeconfig, env: ctx.env });
        ctx.stdout.write(kind === 'failback' ? listSteps(runbook) : formatDryRun(plan, runbook, views, new Date()));
        return;
      }
      const journal = openJournal(ctx.env);
      const view = runView(ctx);
      const report = await runFailover({
        kind, plan, planText: text, namespaces, approve: options.yes, kubeconfig: global.kubeconfig, env: ctx.env, journal,
        onEntry: (e) => view.onEntry(e),
      }).finally(() => view.stop());
      ctx.stdout.write(formatFailoverSummary(report.result, report.outcome, palette(ctx.stdout, ctx.env)));
      const bundle = await writeRunEvidence({ runId: report.runId, plan, planText: text, kind, kubeconfig: global.kubeconfig, env: ctx.env, ...(options.pdf ? {} : { pdf: false as const }) });
      ctx.stdout.write(`evidence: ${bundle.dir} (verify with: lifeboat evidence verify ${bundle.dir})\n`);
      if (report.result.outcome !== 'succeeded') ctx.status.exitCode = ExitCode.findings;
    });
}

/** The failback runbook's steps and gates with budgets (its actions have no by-hand commands to show). */
function listSteps(runbook: RunbookNode): string {
  return nodesOf(runbook).flatMap((n) => (n.kind === 'step' || n.kind === 'gate' ? [`${n.kind.padEnd(4)}  ${n.id.padEnd(24)} ${n.budget.toString().padStart(6)}  ${n.title}\n`] : [])).join('');
}
