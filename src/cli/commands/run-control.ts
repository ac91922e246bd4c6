import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { InputError } from '../../core/errors.js';
import { Duration } from '../../core/objectives/duration.js';
import { formatEntry } from '../../core/runbook/format-entry.js';
import { RunControl, type AbortResult } from '../../core/runbook/run-control.js';
import { openJournal } from '../../wiring/journal.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';

/** Who acts when `--as` is not given: the OS user, as `lifeboat failover` records its starter. */
function actorOf(as: string | undefined): string {
  return as ?? `cli:${userInfo().username}`;
}

function control(ctx: CliContext): RunControl {
  const j = openJournal(ctx.env);
  return new RunControl({ store: j.store, hasher: j.hasher, clock: j.clock, holder: `run-control:${j.holder}` });
}

/**
 * `lifeboat run approve|reject|abort RUN`: act on a run that another process drives, through its
 * journal. Approvals count once per approver; the driving process notices them within a second.
 */
export function addRunControlCommands(cmd: Command, ctx: CliContext): void {
  cmd.command('approve').argument('<run>', 'run id').description('approve the gate a run waits at (the same approver counts once)')
    .option('--gate <name>', 'the gate to approve (default: the one waiting)').option('--as <name>', 'who approves (default: cli:<OS user>)')
    .option('--reason <text>', 'why, for the journal')
    .action((runId: string, o: ApproveOptions) => approve(ctx, runId, o));
  cmd.command('reject').argument('<run>', 'run id').description('reject the gate a run waits at: the run rolls back and ends failed')
    .requiredOption('--reason <text>', 'why the gate is rejected').option('--gate <name>', 'the gate to reject (default: the one waiting)')
    .option('--as <name>', 'who rejects (default: cli:<OS user>)')
    .action(async (runId: string, o: { gate?: string; as?: string; reason: string }) => {
      const r = await control(ctx).reject({ runId, approver: actorOf(o.as), reason: o.reason, ...(o.gate ? { gate: o.gate } : {}) });
      ctx.stdout.write(`gate ${r.gate} of run ${runId} rejected by ${actorOf(o.as)}: the run rolls back and ends failed\n`);
    });
  cmd.command('abort').argument('<run>', 'run id').description('stop a run: its process stops at the next step boundary and runs the compensations; a run no process drives is marked aborted at once')
    .requiredOption('--reason <text>', 'why the run is aborted (journaled)').option('--yes', 'do not ask for confirmation')
    .option('--as <name>', 'who aborts (default: cli:<OS user>)').option('--wait <duration>', 'how long to wait for the run to end', '2m')
    .action(async (runId: string, o: { reason: string; yes?: boolean; as?: string; wait: string }) => {
      const wait = parseWait(o.wait);
      if (!o.yes && !(await confirmed(ctx, `Abort run ${runId}? [y/N] `))) throw new InputError([{ path: '--yes', message: `run ${runId} was not aborted: confirm at the prompt, or pass --yes` }]);
      const rc = control(ctx);
      const result = await rc.abort({ runId, actor: actorOf(o.as), reason: o.reason });
      ctx.stdout.write(`${describeAbort(result)}\n`);
      if (result.mode === 'aborted') return;
      const terminal = await rc.waitForEnd(runId, { timeout: wait, poll: Duration.milliseconds(250), onEntry: (e) => ctx.stdout.write(`  ${formatEntry(e)}\n`), seen: Number.MAX_SAFE_INTEGER });
      if (terminal?.kind === 'run-aborted') return;
      ctx.stdout.write(terminal
        ? `run ${runId} ended ${terminal.kind} before the abort took effect\n`
        : `run ${runId} has not ended after ${wait.toString()}: the request is journaled and its process acts on it at the next step boundary (lifeboat run show ${runId})\n`);
      ctx.status.exitCode = ExitCode.findings;
    });
}

interface ApproveOptions { gate?: string; as?: string; reason?: string }

async function approve(ctx: CliContext, runId: string, o: ApproveOptions): Promise<void> {
  const r = await control(ctx).approve({ runId, approver: actorOf(o.as), ...(o.gate ? { gate: o.gate } : {}), ...(o.reason ? { reason: o.reason } : {}) });
  const left = r.approvals - r.approvers.length;
  const status = r.open ? 'the gate is open: the run goes on' : `waiting for ${left} more approval${left === 1 ? '' : 's'} from someone else`;
  ctx.stdout.write(`gate ${r.gate} of run ${runId}: ${r.approvers.length} of ${r.approvals} approval${r.approvals === 1 ? '' : 's'} (${r.approvers.join(', ')}); ${status}\n`);
}

/** `lifeboat approve RUN [GATE]`: the same as `lifeboat run approve RUN --gate GATE`, as the seed's runbook says it. */
export function approveCommand(ctx: CliContext): Command {
  return new Command('approve').argument('<run>', 'run id').argument('[gate]', 'the gate to approve (default: the one waiting)')
    .description('approve the gate a run waits at (same as `run approve`; the same approver counts once)')
    .option('--as <name>', 'who approves (default: cli:<OS user>)').option('--reason <text>', 'why, for the journal')
    .action((runId: string, gate: string | undefined, o: ApproveOptions) => approve(ctx, runId, { ...o, ...(gate ? { gate } : {}) }));
}

function describeAbort(r: AbortResult): string {
  if (r.mode === 'requested') {
    const earlier = r.alreadyRequestedBy ? ` (already requested by ${r.alreadyRequestedBy})` : '';
    return `abort of run ${r.runId} requested${earlier}: the process driving it stops at the next step boundary, runs the compensations and records run-aborted`;
  }
  const undo = r.notUndone.length > 0 ? `; no process ran the compensations of ${r.notUndone.join(', ')}: undo what they did by hand` : '';
  return `run ${r.runId} had no live process: marked aborted${undo}`;
}

function parseWait(text: string): Duration {
  const wait = Duration.tryParse(text);
  if (!wait) throw new InputError([{ path: '--wait', message: `expected a duration like "2m", got "${text}"` }]);
  return wait;
}

/** Asks on stderr when stdin is a terminal; without one, only --yes confirms. */
async function confirmed(ctx: CliContext, question: string): Promise<boolean> {
  if (ctx.stdin.isTTY !== true) return false;
  const rl = createInterface({ input: ctx.stdin, output: ctx.stderr, terminal: false });
  try {
    ctx.stderr.write(question);
    const next = await rl[Symbol.asyncIterator]().next();
    return next.done !== true && /^y(es)?$/i.test(String(next.value).trim());
  } finally {
    rl.close();
  }
}
