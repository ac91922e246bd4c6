import { Command } from 'commander';
import { predictObjectives } from '../../core/objectives/predict.js';
import { analyzeSchedules } from '../../core/plan/schedule-analysis.js';
import { parsePlan } from '../../core/plan/parse-plan.js';
import { sortFindings, worstSeverity } from '../../core/posture/finding.js';
import type { CliContext } from '../cli-context.js';
import { ExitCode } from '../exit-codes.js';
import { formatExplanation, type PlanExplanation } from '../output/explanation.js';
import { formatOutput, outputOption, type OutputFormat } from '../output/output-format.js';
import { palette } from '../output/palette.js';
import { readInputFile } from '../read-input-file.js';

/**
 * `lifeboat plan explain FILE`: the plan's pattern with its typical ranges, predicted RTO by phase,
 * worst-case RPO per schedule, cost, gaps against the objectives, and findings. Exit 1 when a finding
 * is at error level, 2 when the file is not a valid plan.
 */
export function planExplainCommand(ctx: CliContext): Command {
  return new Command('explain')
    .description('predict RTO, RPO and cost for a plan and show the gaps against its objectives')
    .argument('<file>', 'plan file (YAML)')
    .addOption(outputOption())
    .action(async (file: string, options: { output: OutputFormat }) => {
      const plan = parsePlan(await readInputFile(file, ctx.cwd), file);
      const explanation: PlanExplanation = {
        plan: plan.metadata.name,
        file,
        objectives: plan.spec.objectives,
        prediction: predictObjectives(plan),
        findings: sortFindings(analyzeSchedules(plan)),
      };
      ctx.stdout.write(formatOutput(options.output, explanation, () => formatExplanation(explanation, palette(ctx.stdout, ctx.env))));
      if (worstSeverity(explanation.findings) === 'error') ctx.status.exitCode = ExitCode.findings;
    });
}
