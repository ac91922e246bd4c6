import { userInfo } from 'node:os';
import { Command } from 'commander';
import type { RegionView } from '../../core/drills/observe-regions.js';
import { observePlanRegions } from '../../wiring/observe-plan-regions.js';
import { parseParticipants } from '../../core/drills/tabletop-answers.js';
import { tabletopSteps } from '../../core/drills/tabletop-steps.js';
import { parsePlan } from '../../core/plan/parse-plan.js';
import type { DRPlan } from '../../core/plan/schema.js';
import { failoverRunbook } from '../../core/runbook/failover/failover-runbook.js';
import { openDrillHistory } from '../../wiring/drill-history.js';
import { openJournal } from '../../wiring/journal.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { palette } from '../output/palette.js';
import { readInputFile } from '../read-input-file.js';
import { runTabletop } from './drill-tabletop-run.js';
import { writeRunEvidence } from '../../wiring/drill-evidence.js';

interface TabletopOptions {
  participants?: string;
  offline?: boolean;
  kubeconfig?: string;
  pdf?: boolean;
}

/**
 * `lifeboat drill tabletop PLAN`: the team walks through the plan's failover runbook, step by step, on
 * what the clusters hold now: for each step who does it, how long it would take, notes. Journaled as
 * a run (`lifeboat run show RUN`) and recorded as a tabletop drill. Exit 0 when every step has an
 * owner and the estimated RTO meets the objective, 1 otherwise or when stopped early.
 */
export function drillTabletopCommand(ctx: CliContext): Command {
  return new Command('tabletop')
    .description('walk the team through the failover runbook: owner, estimate and notes per step (journaled)')
    .argument('<plan>', 'DR plan file')
    .option('--participants <names>', 'who takes part, comma-separated ("alice,bob"); owners can then be picked by number')
    .option('--offline', 'do not read the clusters: discuss the runbook alone')
    .option('--no-pdf', 'leave report.pdf out of the evidence (no Chromium needed)')
    .option('--kubeconfig <file>', 'kubeconfig to use for every region (default: each region\'s, $KUBECONFIG, ~/.kube/config)')
    .action(async (file: string, options: TabletopOptions, command: Command) => {
      const kubeconfig = options.kubeconfig ?? command.optsWithGlobals<{ kubeconfig?: string }>().kubeconfig;
      const planText = await readInputFile(file, ctx.cwd);
      const plan = parsePlan(planText, file);
      const runbook = failoverRunbook(plan, plan.spec.protection.namespaces.names);
      const views = options.offline ? undefined : await readClusters(ctx, plan, kubeconfig);
      const journal = openJournal(ctx.env);
      const history = openDrillHistory(ctx.env);
      const stop = new AbortController();
      const onSigint = (): void => stop.abort();
      // On a terminal readline turns Ctrl-C into its own event; with piped input it is a real signal.
      if (ctx.stdin.isTTY !== true) process.on('SIGINT', onSigint);
      try {
        const outcome = await runTabletop({
          plan, planText, runbook, steps: tabletopSteps(plan, runbook), ...(views ? { views } : {}),
          participants: parseParticipants(options.participants), starter: starterName(ctx.env), journal, recorder: history,
          io: { input: ctx.stdin, output: ctx.stdout }, style: palette(ctx.stdout, ctx.env), signal: stop.signal,
        });
        ctx.stdout.write(`tabletop drill recorded as ${outcome.summary.succeeded && !outcome.ended ? 'succeeded' : 'not succeeded'}\nrun: ${outcome.runId}\n`);
        const bundle = await writeRunEvidence({ runId: outcome.runId, plan, planText, kind: 'tabletop', kubeconfig, env: ctx.env, ...(options.pdf === false ? { pdf: false as const } : {}) });
        ctx.stdout.write(`evidence: ${bundle.dir}\n`);
        if (outcome.ended || !outcome.summary.succeeded) ctx.status.exitCode = ExitCode.findings;
      } finally {
        process.off('SIGINT', onSigint);
        history.close();
      }
    });
}

async function readClusters(ctx: CliContext, plan: DRPlan, kubeconfig: string | undefined): Promise<RegionView[]> {
  ctx.stdout.write(`reading ${plan.spec.regions.map((r) => `${r.name} (${r.context})`).join(', ')}...\n`);
  return observePlanRegions(plan, { kubeconfig, env: ctx.env });
}

function starterName(env: Record<string, string | undefined>): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return `cli:${env.USER ?? 'unknown'}`;
  }
}
