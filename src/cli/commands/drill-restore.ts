import { Command } from 'commander';
import { parsePlan } from '../../core/plan/parse-plan.js';
import { InputError } from '../../core/errors.js';
import { formatEntry } from '../../core/runbook/format-entry.js';
import { closeRestoreDrill } from '../../wiring/drill-evidence.js';
import { runRestoreDrill } from '../../wiring/run-restore-drill.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { formatTable } from '../output/format-table.js';
import type { GlobalOptions } from '../program.js';
import { readInputFile } from '../read-input-file.js';

/**
 * `lifeboat drill restore PLAN [--namespace NS]...`: the component restore test. Each namespace (default:
 * every protected one, in turn) is restored from its newest valid backup into a scratch namespace in the
 * standby, its workloads awaited, the plan's smoke checks run, the scratch namespace deleted; each leaves
 * a signed evidence bundle and a drill record.
 */
export function drillRestoreCommand(ctx: CliContext): Command {
  return new Command('restore')
    .description('component restore test: restore a namespace into a scratch namespace in the standby, check it, clean up')
    .argument('<plan>', 'DR plan file')
    .option('-n, --namespace <ns...>', 'protected namespace(s) to test (default: each protected namespace in turn)')
    .option('--no-pdf', 'leave report.pdf out of the evidence (no Chromium needed)')
    .action(async (file: string, o: { namespace?: string[]; pdf: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const text = await readInputFile(file, ctx.cwd);
      const plan = parsePlan(text, file);
      const protectedNs = plan.spec.protection.namespaces.names;
      const namespaces = o.namespace ?? protectedNs;
      const unknown = namespaces.filter((n) => !protectedNs.includes(n));
      if (unknown.length > 0) throw new InputError([{ path: '--namespace', message: `${unknown.join(', ')} not protected by ${file} (protected: ${protectedNs.join(', ')})` }]);
      const rows: string[][] = [];
      for (const namespace of namespaces) {
        const drill = await runRestoreDrill({ plan, planText: text, namespace, kubeconfig: global.kubeconfig, env: ctx.env, onEntry: (e) => { ctx.stdout.write(`  ${formatEntry(e)}\n`); } });
        const bundle = await closeRestoreDrill(plan, drill, { kubeconfig: global.kubeconfig, env: ctx.env, ...(o.pdf ? {} : { pdf: false as const }) });
        rows.push([namespace, drill.result.outcome, drill.runId, bundle.dir]);
        if (drill.result.outcome !== 'succeeded') ctx.status.exitCode = ExitCode.findings;
      }
      ctx.stdout.write(`\n${formatTable(['NAMESPACE', 'RESULT', 'RUN', 'EVIDENCE'], rows)}\n`);
    });
}
