#!/usr/bin/env node
/**
 * The `lifeboat` CLI's entry point and its single top-level error handler: the only place that
 * turns errors into output and exit codes (0 ok, 1 error findings, 2 bad input, 3 unreachable).
 */
import { CommanderError } from 'commander';
import { InputError, formatIssue } from '../core/errors.js';
import { processContext, type CliContext } from './cli-context.js';
import { ExitCode, exitCodeFor } from './exit-codes.js';
import { palette } from './output/palette.js';
import { buildProgram } from './program.js';

async function run(ctx: CliContext, argv: readonly string[]): Promise<number> {
  try {
    const program = await buildProgram(ctx, argv);
    await program.parseAsync(argv, { from: 'user' });
    return ctx.status.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error);
    report(ctx, error, argv.includes('--debug'));
    return exitCodeFor(error);
  }
}

/** Help and version exit 0; every other commander error is a usage error (already printed). */
function commanderExitCode(error: CommanderError): number {
  const benign = ['commander.helpDisplayed', 'commander.help', 'commander.version', 'commander.executeSubCommandAsync'];
  return benign.includes(error.code) ? ExitCode.ok : ExitCode.badInput;
}

function report(ctx: CliContext, error: unknown, debug: boolean): void {
  const style = palette(ctx.stderr, ctx.env);
  if (error instanceof InputError) {
    for (const issue of error.issues) ctx.stderr.write(`${style.red('error:')} ${formatIssue(issue)}\n`);
  } else {
    ctx.stderr.write(`${style.red('error:')} ${error instanceof Error ? error.message : String(error)}\n`);
  }
  if (debug && error instanceof Error && error.stack) ctx.stderr.write(`${style.dim(error.stack)}\n`);
}

const ctx = processContext();
process.exitCode = await run(ctx, process.argv.slice(2));
