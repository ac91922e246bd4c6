import { Command } from 'commander';
import { watchNewBackups } from '../../core/drills/backup-watch.js';
import { InputError } from '../../core/errors.js';
import { Duration } from '../../core/objectives/duration.js';
import { parsePlan } from '../../core/plan/parse-plan.js';
import type { DRPlan } from '../../core/plan/schema.js';
import { failoverRegions } from '../../core/runbook/failover/failover-runbook.js';
import { formatEntry } from '../../core/runbook/format-entry.js';
import { closeRestoreDrill } from '../../wiring/drill-evidence.js';
import { failoverPorts } from '../../wiring/failover-ports.js';
import { openJournal } from '../../wiring/journal.js';
import { runRestoreDrill } from '../../wiring/run-restore-drill.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { formatTable } from '../output/format-table.js';
import type { GlobalOptions } from '../program.js';
import { readInputFile } from '../read-input-file.js';

interface RestoreOptions { namespace?: string[]; pdf: boolean; afterEachBackup?: boolean; interval: string }

/**
 * `lifeboat drill restore PLAN [--namespace NS]...`: the component restore test. Each namespace (default:
 * every protected one, in turn) is restored from its newest valid backup into a scratch namespace in the
 * standby, its workloads awaited, the plan's smoke checks run, the scratch namespace deleted; each leaves
 * a signed evidence bundle and a drill record. `--after-each-backup` keeps watching the standby's catalog
 * and tests each namespace again whenever a new backup of it lands.
 */
export function drillRestoreCommand(ctx: CliContext): Command {
  return new Command('restore')
    .description('component restore test: restore a namespace into a scratch namespace in the standby, check it, clean up')
    .argument('<plan>', 'DR plan file')
    .option('-n, --namespace <ns...>', 'protected namespace(s) to test (default: each protected namespace in turn)')
    .option('--after-each-backup', 'keep running: test a namespace again each time a new backup of it reaches the standby')
    .option('--interval <duration>', 'with --after-each-backup: how often to look at the catalog', '30s')
    .option('--no-pdf', 'leave report.pdf out of the evidence (no Chromium needed)')
    .action(async (file: string, o: RestoreOptions, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const text = await readInputFile(file, ctx.cwd);
      const plan = parsePlan(text, file);
      const namespaces = chosenNamespaces(plan, o.namespace, file);
      const drill = (namespace: string): Promise<string[]> => drillNamespace(ctx, { plan, text, namespace, kubeconfig: global.kubeconfig, pdf: o.pdf });
      if (o.afterEachBackup) return watch(ctx, { plan, namespaces, kubeconfig: global.kubeconfig, interval: o.interval, drill });
      const rows: string[][] = [];
      for (const namespace of namespaces) rows.push(await drill(namespace));
      ctx.stdout.write(`\n${formatTable(['NAMESPACE', 'RESULT', 'RUN', 'EVIDENCE'], rows)}\n`);
    });
}

function chosenNamespaces(plan: DRPlan, asked: string[] | undefined, file: string): string[] {
  const protectedNs = plan.spec.protection.namespaces.names;
  const unknown = (asked ?? []).filter((n) => !protectedNs.includes(n));
  if (unknown.length > 0) throw new InputError([{ path: '--namespace', message: `${unknown.join(', ')} not protected by ${file} (protected: ${protectedNs.join(', ')})` }]);
  return asked ?? protectedNs;
}

/** One component drill and its evidence; a failed drill sets the exit code. Returns its summary row. */
async function drillNamespace(ctx: CliContext, o: { plan: DRPlan; text: string; namespace: string; kubeconfig?: string; pdf: boolean }): Promise<string[]> {
  const drill = await runRestoreDrill({ plan: o.plan, planText: o.text, namespace: o.namespace, kubeconfig: o.kubeconfig, env: ctx.env, onEntry: (e) => { ctx.stdout.write(`  ${formatEntry(e)}\n`); } });
  const bundle = await closeRestoreDrill(o.plan, drill, { kubeconfig: o.kubeconfig, env: ctx.env, ...(o.pdf ? {} : { pdf: false as const }) });
  if (drill.result.outcome !== 'succeeded') ctx.status.exitCode = ExitCode.findings;
  return [o.namespace, drill.result.outcome, drill.runId, bundle.dir];
}

async function watch(ctx: CliContext, o: { plan: DRPlan; namespaces: string[]; kubeconfig?: string; interval: string; drill: (ns: string) => Promise<string[]> }): Promise<void> {
  const clock = openJournal(ctx.env).clock;
  const standby = failoverRegions(o.plan).to.name;
  const restorer = failoverPorts(o.plan, clock, { kubeconfig: o.kubeconfig, env: ctx.env }).restorers[standby];
  if (!restorer) throw new InputError([{ path: 'spec.regions', message: `no Velero connection for the standby ${standby}` }]);
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  ctx.stderr.write(`watching ${standby}'s catalog every ${o.interval} for new backups of ${o.namespaces.join(', ')} (Ctrl-C stops)\n`);
  await watchNewBackups({
    restorer, namespaces: o.namespaces, clock, interval: Duration.parse(o.interval), signal: stop.signal,
    onNewBackup: async (ns, backup) => {
      ctx.stderr.write(`new backup ${backup} holds ${ns}: running its component drill\n`);
      const [, result, run, dir] = await o.drill(ns);
      ctx.stdout.write(`${ns}: ${result} (run ${run}, evidence ${dir})\n`);
    },
    onError: (e) => { ctx.stderr.write(`catalog look failed, retrying: ${(e as Error).message}\n`); },
  });
}
