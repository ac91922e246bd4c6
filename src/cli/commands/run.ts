import { Command } from 'commander';
import { formatEntry } from '../../core/runbook/format-entry.js';
import { verifyChain } from '../../core/runbook/hash-chain.js';
import { parsePlan } from '../../core/plan/parse-plan.js';
import { openJournal } from '../../wiring/journal.js';
import { writeRunEvidence } from '../../wiring/drill-evidence.js';
import { formatFailoverSummary } from '../output/failover-summary.js';
import { runView } from '../output/live-run-view.js';
import { palette } from '../output/palette.js';
import type { GlobalOptions } from '../program.js';
import { readInputFile } from '../read-input-file.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { formatTable } from '../output/format-table.js';
import { formatOutput, outputOption, type OutputFormat } from '../output/output-format.js';
import { addRunControlCommands } from './run-control.js';

/** `lifeboat run list|show|resume|approve|reject|abort`: the journaled runs in the state directory. */
export function runCommand(ctx: CliContext): Command {
  const cmd = new Command('run').description('inspect, resume, approve and abort journaled runbook runs');
  cmd.command('list').description('runs, newest first').addOption(outputOption())
    .action(async (o: { output: OutputFormat }) => {
      const runs = await openJournal(ctx.env).store.listRuns();
      ctx.stdout.write(formatOutput(o.output, runs, () => `${formatTable(['RUN', 'PLAN', 'STARTED', 'ENTRIES', 'STATE'], runs.map((r) => [r.runId, r.plan, r.startedAt.toISOString(), String(r.lastSeq), r.ended ?? 'unfinished']))}\n`));
    });
  cmd.command('show').argument('<run>', 'run id').description("a run's journal, entry by entry, and whether its hash chain is intact").addOption(outputOption())
    .action(async (runId: string, o: { output: OutputFormat }) => {
      const j = openJournal(ctx.env);
      const entries = await j.store.read(runId);
      const chain = verifyChain(entries, j.hasher);
      ctx.stdout.write(formatOutput(o.output, { runId, chain, entries }, () => `${entries.map(formatEntry).join('\n')}\nhash chain: ${chain.ok ? 'intact' : `BROKEN at #${chain.seq}: ${chain.reason}`}\n`));
      if (!chain.ok) ctx.status.exitCode = ExitCode.findings;
    });
  cmd.command('resume').argument('<run>', 'run id').requiredOption('--plan <file>', 'the plan file the run started with (its hash is checked)')
    .option('--yes', 'approve a waiting declare gate as the person resuming')
    .description('resume a run whose process died, from its journal (waits for the dead process\'s lease to expire)')
    .action(async (runId: string, o: { plan: string; yes?: boolean }, sub: Command) => {
      const global = sub.optsWithGlobals<GlobalOptions>();
      const text = await readInputFile(o.plan, ctx.cwd);
      const plan = parsePlan(text, o.plan);
      const journal = openJournal(ctx.env);
      const earlier = await journal.store.read(runId);
      const view = runView(ctx);
      for (const e of earlier) view.onEntry(e);
      // Loaded here: the cluster SDKs behind it cost seconds that `run list|show|approve|abort` should not pay.
      const { resumeFailover } = await import('../../wiring/run-failover.js');
      const report = await resumeFailover({
        runId, plan, planText: text, namespaces: plan.spec.protection.namespaces.names, approve: o.yes, kubeconfig: global.kubeconfig,
        env: ctx.env, journal, skipSeen: earlier.length, onEntry: (e) => view.onEntry(e),
      }).finally(() => view.stop());
      ctx.stdout.write(formatFailoverSummary(report.result, report.outcome, palette(ctx.stdout, ctx.env)));
      const bundle = await writeRunEvidence({ runId, plan, planText: text, kubeconfig: global.kubeconfig, env: ctx.env });
      ctx.stdout.write(`evidence: ${bundle.dir}\n`);
      if (report.result.outcome !== 'succeeded') ctx.status.exitCode = ExitCode.findings;
    });
  addRunControlCommands(cmd, ctx);
  return cmd;
}
