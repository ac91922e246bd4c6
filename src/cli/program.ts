import { Command } from 'commander';
import type { CliContext } from './cli-context.js';

/** Options every command accepts, as kubectl spells them. */
export interface GlobalOptions {
  kubeconfig?: string;
  context?: string;
  debug?: boolean;
}

type CommandLoader = (ctx: CliContext) => Promise<Command>;

/**
 * Top-level commands, loaded on demand: a run imports only the command it names (the cluster SDKs
 * behind `failover` cost seconds to load that `plan validate` should not pay). Help loads them all.
 */
const COMMANDS: Readonly<Record<string, CommandLoader>> = {
  plan: async (ctx) => (await import('./commands/plan.js')).planCommand(ctx),
  lab: async () => (await import('./commands/lab.js')).labCommand(),
  demo: async (ctx) => (await import('./commands/demo.js')).demoCommand(ctx),
  failover: async (ctx) => (await import('./commands/failover.js')).failoverCommand(ctx),
  failback: async (ctx) => (await import('./commands/failover.js')).failbackCommand(ctx),
  run: async (ctx) => (await import('./commands/run.js')).runCommand(ctx),
  approve: async (ctx) => (await import('./commands/run-control.js')).approveCommand(ctx),
  fence: async (ctx) => (await import('./commands/fence.js')).fenceCommand(ctx),
  status: async (ctx) => (await import('./commands/status.js')).statusCommand(ctx),
  evidence: async (ctx) => (await import('./commands/evidence.js')).evidenceCommand(ctx),
  drill: async (ctx) => (await import('./commands/drill.js')).drillCommand(ctx),
  serve: async (ctx) => (await import('./commands/serve.js')).serveCommand(ctx),
};

/** Global options that take a value, so the value is not mistaken for the command name. */
const VALUED_GLOBALS = new Set(['--kubeconfig', '--context']);

/**
 * Builds the `lifeboat` command tree for these arguments. Commander's own errors (unknown option,
 * missing argument) are thrown as `CommanderError` instead of exiting, so `main.ts` stays the only
 * place that exits.
 */
export async function buildProgram(ctx: CliContext, argv: readonly string[]): Promise<Command> {
  const program = new Command('lifeboat')
    .description('Disaster recovery for Kubernetes platforms: DR plans as code, posture, runbooks, drills')
    .option('--kubeconfig <file>', 'path to the kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context to use instead of the ones the plan names')
    .option('--debug', 'print stack traces and debug details')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
    })
    .exitOverride();
  const named = commandName(argv);
  const names = named !== undefined && named in COMMANDS ? [named] : Object.keys(COMMANDS);
  for (const name of names) program.addCommand(await (COMMANDS[name] as CommandLoader)(ctx));
  for (const command of program.commands) inheritSettings(command, program);
  return program;
}

/** The first argument that is neither a global option nor its value. */
function commandName(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (VALUED_GLOBALS.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** Subcommands added with addCommand do not inherit output and exit settings; copy them down. */
function inheritSettings(command: Command, root: Command): void {
  command.configureOutput(root.configureOutput()).exitOverride();
  for (const sub of command.commands) inheritSettings(sub, root);
}
