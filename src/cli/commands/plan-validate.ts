import { Command } from 'commander';
import { InputError, type InputIssue } from '../../core/errors.js';
import { analyzeSchedules } from '../../core/plan/schedule-analysis.js';
import { parsePlans } from '../../core/plan/parse-plan.js';
import { sortFindings, worstSeverity } from '../../core/posture/finding.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { formatFindingsTable, type PlanFinding } from '../output/findings-table.js';
import { formatOutput, outputOption, type OutputFormat } from '../output/output-format.js';
import { palette } from '../output/palette.js';
import { readInputFile } from '../read-input-file.js';

/** What `plan validate -o json|yaml` prints for each plan. */
interface PlanReport {
  file: string;
  plan: string;
  valid: boolean;
  findings: PlanFinding[];
}

/**
 * `lifeboat plan validate FILE...`: schema and semantic checks plus the backup-schedule analysis.
 * Exit 2 when any file is not a valid plan (each issue printed as `path: message (file:line:col)`),
 * else 1 when any finding is at error level, else 0. Every file is checked before deciding.
 */
export function planValidateCommand(ctx: CliContext): Command {
  return new Command('validate')
    .description('check DR plan files: schema, references and backup schedules')
    .argument('<files...>', 'plan files (YAML; several plans per file allowed)')
    .addOption(outputOption())
    .action(async (files: string[], options: { output: OutputFormat }) => {
      const { reports, issues } = await validateFiles(files, ctx.cwd);
      const findings = reports.flatMap((r) => r.findings);
      ctx.stdout.write(formatOutput(options.output, reports, () => formatFindingsTable(findings, palette(ctx.stdout, ctx.env))));
      if (issues.length > 0) throw new InputError(issues);
      if (!reports.every((r) => r.valid)) ctx.status.exitCode = ExitCode.findings;
    });
}

async function validateFiles(files: readonly string[], cwd: string): Promise<{ reports: PlanReport[]; issues: InputIssue[] }> {
  const reports: PlanReport[] = [];
  const issues: InputIssue[] = [];
  for (const file of files) {
    try {
      const plans = parsePlans(await readInputFile(file, cwd), file);
      reports.push(...plans.map((plan) => {
        const findings = sortFindings(analyzeSchedules(plan)).map((f) => ({ plan: plan.metadata.name, ...f }));
        return { file, plan: plan.metadata.name, valid: worstSeverity(findings) !== 'error', findings };
      }));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      issues.push(...error.issues);
    }
  }
  return { reports, issues };
}
