import { Command } from 'commander';
import { formatEntry } from '../../core/runbook/format-entry.js';
import { verifyChain } from '../../core/runbook/hash-chain.js';
import { openJournal } from '../../wiring/journal.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { formatTable } from '../output/format-table.js';
import { formatOutput, outputOption, type OutputFormat } from '../output/output-format.js';

/** `lifeboat run list|show`: the journaled runs in the state directory. */
export function runCommand(ctx: CliContext): Command {
  const cmd = new Command('run').description('inspect journaled runbook runs');
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
  return cmd;
}
