import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { Document } from 'yaml';
import { predictObjectives } from '../../core/objectives/predict.js';
import { parsePlan } from '../../core/plan/parse-plan.js';
import type { DRPlan } from '../../core/plan/schema.js';
import { renderRunbookMarkdown } from '../../core/report/render-runbook.js';
import { renderVeleroSchedules } from '../../core/report/render-velero-schedules.js';
import type { CliContext } from '../cli-context.js';
import { readInputFile } from '../read-input-file.js';

type Artifact = 'schedules' | 'runbook';

interface RenderOptions {
  out?: string;
  only?: Artifact;
}

const FILE_OF: Record<Artifact, string> = { schedules: 'velero-schedules.yaml', runbook: 'runbook.md' };

/**
 * `lifeboat plan render FILE [--out DIR] [--only schedules|runbook]`: the plan's Velero Schedule
 * manifests and its runbook. With --out they are written to DIR; without, printed to stdout (with
 * --only the output is the bare artifact, ready for `kubectl apply -f -`).
 */
export function planRenderCommand(ctx: CliContext): Command {
  return new Command('render')
    .description('render the Velero Schedules (velero-schedules.yaml) and the runbook (runbook.md) of a plan')
    .argument('<file>', 'plan file (YAML)')
    .option('--out <dir>', 'write the files to this directory instead of stdout')
    .addOption(new Option('--only <artifact>', 'render only one artifact').choices(['schedules', 'runbook']))
    .action(async (file: string, options: RenderOptions) => {
      const plan = parsePlan(await readInputFile(file, ctx.cwd), file);
      const artifacts = selected(options.only).map((a) => ({ artifact: a, text: render(a, plan, file) }));
      if (options.out) {
        const dir = resolve(ctx.cwd, options.out);
        await mkdir(dir, { recursive: true });
        for (const { artifact, text } of artifacts) await writeFile(join(dir, FILE_OF[artifact]), text);
        ctx.stderr.write(`wrote ${artifacts.map((a) => join(options.out ?? '', FILE_OF[a.artifact])).join(', ')}\n`);
        return;
      }
      const banner = artifacts.length > 1;
      for (const { artifact, text } of artifacts) ctx.stdout.write(banner ? `==> ${FILE_OF[artifact]} <==\n${text}\n` : text);
    });
}

function selected(only: Artifact | undefined): Artifact[] {
  return only ? [only] : ['schedules', 'runbook'];
}

function render(artifact: Artifact, plan: DRPlan, file: string): string {
  if (artifact === 'runbook') return renderRunbookMarkdown(plan, predictObjectives(plan));
  const docs = renderVeleroSchedules(plan).map((manifest) => new Document(manifest).toString());
  const header = `# Velero Schedules for DR plan ${plan.metadata.name}, rendered by \`lifeboat plan render ${file}\`.\n`;
  if (docs.length === 0) return `${header}# The plan has no backup schedules.\n`;
  return header + docs.map((d) => `---\n${d}`).join('');
}
