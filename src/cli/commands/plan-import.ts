import { Command } from 'commander';
import { Document } from 'yaml';
import { InputError } from '../../core/errors.js';
import { analyzeSchedules } from '../../core/plan/schedule-analysis.js';
import { DRAFT_PLACEHOLDERS, draftPlanFromCatalog } from '../../core/plan/draft-plan.js';
import { parsePlan } from '../../core/plan/parse-plan.js';
import { sortFindings } from '../../core/posture/finding.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { formatFindingsTable } from '../output/findings-table.js';
import { formatOutput, outputOption, type OutputFormat } from '../output/output-format.js';
import { palette } from '../output/palette.js';

interface ImportOptions {
  context?: string;
  kubeconfig?: string;
  name?: string;
  veleroNamespace: string;
  output: OutputFormat;
}

/**
 * `lifeboat plan import --context CTX [--kubeconfig F] [--name N]`: drafts a DRPlan (mode adopt) from
 * the Velero Schedules and storage locations already in a cluster, prints it (YAML on stdout, ready
 * to redirect to a file) and the findings the schedule analysis already has about it (on stderr).
 */
export function planImportCommand(ctx: CliContext): Command {
  return new Command('import')
    .description('draft a DR plan from the Velero Schedules already in a cluster (brownfield adoption)')
    .option('--context <name>', 'kubeconfig context of the cluster whose Schedules to adopt')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--name <name>', 'metadata.name of the drafted plan (default: the context, made DNS-safe)')
    .option('--velero-namespace <ns>', 'namespace Velero runs in', 'velero')
    .addOption(outputOption())
    .action(async (options: ImportOptions, command: Command) => {
      const globals = command.optsWithGlobals<{ context?: string; kubeconfig?: string }>();
      const context = options.context ?? globals.context;
      if (!context) throw new InputError([{ path: '--context', message: 'name the kubeconfig context to import from' }]);
      const kubeconfig = options.kubeconfig ?? globals.kubeconfig;
      // Loaded on use: client-node costs seconds that `plan validate` (same command group) should not pay.
      const { VeleroBackupCatalog } = await import('../../providers/velero/velero-backup-catalog.js');
      const catalog = await VeleroBackupCatalog.fromConfig({ context, ...(kubeconfig ? { kubeconfig } : {}), namespace: options.veleroNamespace }).snapshot();
      const draft = draftPlanFromCatalog(catalog, { name: options.name ?? dnsSafe(context), context, veleroNamespace: options.veleroNamespace });
      const text = commented(draft, catalog.schedules.length);
      const findings = sortFindings(analyzeSchedules(parsePlan(text, `${context} (imported)`))).map((f) => ({ plan: draft.metadata.name, ...f }));
      // Like `plan validate`: the draft is written either way; exit 1 says it already has errors to fix.
      if (findings.some((f) => f.severity === 'error')) ctx.status.exitCode = ExitCode.findings;
      if (options.output === 'table') {
        ctx.stdout.write(text);
        ctx.stderr.write(formatFindingsTable(findings, palette(ctx.stderr, ctx.env)));
        return;
      }
      ctx.stdout.write(formatOutput(options.output, { plan: draft, findings }, () => text));
    });
}

function dnsSafe(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63) || 'imported';
}

function commented(draft: ReturnType<typeof draftPlanFromCatalog>, schedules: number): string {
  const doc = new Document(draft);
  doc.commentBefore = ` Drafted by \`lifeboat plan import\` from ${schedules} Velero Schedule(s) in context ${draft.spec.regions[0]?.context ?? ''}.\n Review every value; replace the placeholders (${Object.values(DRAFT_PLACEHOLDERS).join(', ')}).`;
  const note = (path: (string | number)[], comment: string): void => {
    const node = doc.getIn(path, true) as { comment?: string } | undefined;
    if (node) node.comment = ` ${comment}`;
  };
  note(['spec', 'regions', 1, 'context'], 'the standby cluster: Velero cannot tell where it is');
  note(['spec', 'objectives', 'rpo'], 'what the current schedules can meet (largest cron gap + 5m); set your real target');
  note(['spec', 'objectives', 'rto'], 'a guess: set your real target');
  note(['spec', 'capacity', 'deployments', 0, 'name'], 'the workloads the standby scales up on failover');
  note(['spec', 'traffic', 'provider'], 'set the DNS provider that moves traffic (powerdns, route53, cloudflare)');
  return doc.toString({ lineWidth: 0 });
}
