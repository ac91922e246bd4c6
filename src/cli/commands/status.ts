import type { AddressInfo } from 'node:net';
import { Command, Option } from 'commander';
import { Duration } from '../../core/objectives/duration.js';
import { InputError, type InputIssue } from '../../core/errors.js';
import { redact } from '../../core/redact.js';
import { parsePlans } from '../../core/plan/parse-plan.js';
import { assessPlans, type PlanPosture, type PlanSource } from '../../core/posture/assess-plans.js';
import type { GatherError } from '../../core/posture/gather-posture.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { PostureMetrics } from '../metrics/posture-metrics.js';
import { serveMetrics } from '../metrics/serve-metrics.js';
import { formatOutput, outputOption, type OutputFormat } from '../output/output-format.js';
import { palette } from '../output/palette.js';
import { formatPostureTable } from '../output/posture-table.js';
import { readInputFile } from '../read-input-file.js';

interface StatusOptions {
  output: OutputFormat;
  concurrency: string;
  serveMetrics?: string;
  interval: string;
  kubeconfig?: string;
}

/**
 * `lifeboat status PLAN...`: can each plan be met right now? Reads every region's cluster and Velero
 * catalog, the newest backups' files and the DNS record, concurrently with a bound. Exit 0 when every
 * objective holds, 1 on any error finding, 2 for bad input, 3 when a cluster cannot be reached (the
 * partial results are still printed). With --serve-metrics it keeps re-evaluating and serves Prometheus
 * metrics instead of exiting.
 */
export function statusCommand(ctx: CliContext): Command {
  return new Command('status')
    .description('check whether each plan\'s RPO/RTO can be met right now: backups, coverage, standby, traffic, drills')
    .argument('<plans...>', 'plan files (YAML; several plans per file allowed)')
    .addOption(outputOption())
    .option('--kubeconfig <file>', 'kubeconfig to use for every region (default: each region\'s, $KUBECONFIG, ~/.kube/config)')
    .option('--concurrency <n>', 'plans and regions read at the same time', '4')
    .option('--serve-metrics <addr>', 'serve Prometheus metrics at ADDR (e.g. :9464) and re-evaluate every --interval')
    .addOption(new Option('--interval <duration>', 'how often --serve-metrics re-evaluates').default('60s'))
    .action(async (files: string[], options: StatusOptions, command: Command) => {
      const kubeconfig = options.kubeconfig ?? (command.optsWithGlobals<{ kubeconfig?: string }>().kubeconfig);
      const plans = await readPlans(files, ctx.cwd);
      const concurrency = positiveInt(options.concurrency);
      const { postureSources } = await import('../../wiring/posture-sources.js');
      const assess = (): ReturnType<typeof assessPlans> => assessPlans(plans, (plan) => postureSources(plan, { kubeconfig, env: ctx.env }), concurrency);
      if (options.serveMetrics) {
        await serveLoop(ctx, assess, { addr: options.serveMetrics, interval: intervalOf(options.interval), secrets: knownSecrets(plans, ctx.env) });
        return;
      }
      const { results, errors } = await assess();
      const text = formatOutput(options.output, { results, errors }, () => formatPostureTable(results, errors, palette(ctx.stdout, ctx.env)));
      ctx.stdout.write(redact(text, knownSecrets(plans, ctx.env)));
      ctx.status.exitCode = exitCodeOf(results, errors);
    });
}

/** Secret values this run may have touched (DNS keys its plans reference by env, S3 keys), for redaction. */
function knownSecrets(plans: readonly PlanSource[], env: Record<string, string | undefined>): string[] {
  const refs = plans.map((p) => p.plan.spec.traffic.credentials).filter((r): r is string => r?.startsWith('env:') === true);
  const names = [...refs.map((r) => r.slice(4)), 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];
  return names.map((n) => env[n]).filter((v): v is string => Boolean(v));
}

/** 3 when a cluster could not be reached, else 1 on any error finding, else 0. */
export function exitCodeOf(results: readonly PlanPosture[], errors: readonly GatherError[]): number {
  if (errors.some((e) => e.unreachable)) return ExitCode.unreachable;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? ExitCode.findings : ExitCode.ok;
}

async function readPlans(files: readonly string[], cwd: string): Promise<PlanSource[]> {
  const plans: PlanSource[] = [];
  const issues: InputIssue[] = [];
  for (const file of files) {
    try {
      plans.push(...parsePlans(await readInputFile(file, cwd), file).map((plan) => ({ file, plan })));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  return plans;
}

function positiveInt(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InputError([{ path: '--concurrency', message: `expected a positive whole number, got "${text}"` }]);
  return n;
}

function intervalOf(text: string): Duration {
  const d = Duration.tryParse(text);
  if (!d || d.isShorterThan(Duration.seconds(1))) throw new InputError([{ path: '--interval', message: `expected a duration of at least 1s like "30s" or "5m", got "${text}"` }]);
  return d;
}

/** Re-evaluates on an interval (skipping a tick while one is still running) and serves the latest figures until SIGINT/SIGTERM. */
async function serveLoop(ctx: CliContext, assess: () => ReturnType<typeof assessPlans>, serve: { addr: string; interval: Duration; secrets: string[] }): Promise<void> {
  const { addr, interval, secrets } = serve;
  const metrics = new PostureMetrics();
  const evaluate = async (): Promise<void> => {
    const { results, errors } = await assess();
    metrics.update(results, new Date());
    for (const e of errors) ctx.stderr.write(redact(`unreadable: ${e.plan}${e.region ? `/${e.region}` : ''} ${e.source}: ${e.message}\n`, secrets));
  };
  await evaluate();
  const server = await serveMetrics(metrics.registry, addr);
  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  ctx.stderr.write(`serving metrics at http://${host}:${bound.port}/metrics, re-evaluating every ${interval.toString()}\n`);
  await new Promise<void>((resolve) => {
    let running = false;
    const tick = (): void => {
      if (running) return;
      running = true;
      evaluate().catch((e: unknown) => ctx.stderr.write(`evaluation failed: ${String(e)}\n`)).finally(() => { running = false; });
    };
    const timer = setInterval(tick, interval.toMilliseconds());
    const stop = (): void => { clearInterval(timer); server.close(() => resolve()); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
