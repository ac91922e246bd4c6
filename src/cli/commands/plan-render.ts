import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { Document } from 'yaml';
import { predictObjectives } from '../../core/objectives/predict.js';
import { renderChaosMesh } from '../../core/chaos/render-chaos-mesh.js';
import { renderLitmus } from '../../core/chaos/render-litmus.js';
import type { ChaosTool } from '../../core/chaos/resolve-chaos.js';
import { parsePlan } from '../../core/plan/parse-plan.js';
import type { DRPlan } from '../../core/plan/schema.js';
import { planRegions } from '../../core/report/plan-regions.js';
import { renderRunbookMarkdown } from '../../core/report/render-runbook.js';
import { renderVeleroSchedules } from '../../core/report/render-velero-schedules.js';
import type { CliContext } from '../cli-context.js';
import { readInputFile } from '../read-input-file.js';

type Artifact = 'schedules' | 'runbook' | ChaosTool;

interface RenderOptions {
  out?: string;
  only?: 'schedules' | 'runbook';
  chaos?: ChaosTool;
}

const FILE_OF: Record<Artifact, string> = { schedules: 'velero-schedules.yaml', runbook: 'runbook.md', 'chaos-mesh': 'chaos-mesh.yaml', litmus: 'litmus.yaml' };

/**
 * `lifeboat plan render FILE [--out DIR] [--only schedules|runbook | --chaos chaos-mesh|litmus]`: the
 * plan's Velero Schedule manifests and its runbook, or the chaos experiments of its failover drill
 * (spec.drills.chaos, docs/chaos.md). With --out they are written to DIR; without, printed to stdout
 * (with --only or --chaos the output is the bare artifact, ready for `kubectl apply -f -`).
 */
export function planRenderCommand(ctx: CliContext): Command {
  return new Command('render')
    .description('render the Velero Schedules (velero-schedules.yaml) and the runbook (runbook.md) of a plan, or with --chaos its failover drill\'s chaos experiments (chaos-mesh.yaml, litmus.yaml)')
    .argument('<file>', 'plan file (YAML)')
    .option('--out <dir>', 'write the files to this directory instead of stdout')
    .addOption(new Option('--only <artifact>', 'render only one artifact').choices(['schedules', 'runbook']))
    .addOption(new Option('--chaos <tool>', 'render only the failover drill\'s chaos experiments (spec.drills.chaos) for this tool').choices(['chaos-mesh', 'litmus']).conflicts('only'))
    .action(async (file: string, options: RenderOptions) => {
      const plan = parsePlan(await readInputFile(file, ctx.cwd), file);
      const artifacts = selected(options).map((a) => ({ artifact: a, text: render(a, plan, file) }));
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

function selected({ only, chaos }: RenderOptions): Artifact[] {
  if (chaos) return [chaos];
  return only ? [only] : ['schedules', 'runbook'];
}

function render(artifact: Artifact, plan: DRPlan, file: string): string {
  if (artifact === 'runbook') return renderRunbookMarkdown(plan, predictObjectives(plan));
  if (artifact === 'chaos-mesh' || artifact === 'litmus') return renderChaos(artifact, plan, file);
  const docs = renderVeleroSchedules(plan).map((manifest) => new Document(manifest).toString());
  const header = `# Velero Schedules for DR plan ${plan.metadata.name}, rendered by \`lifeboat plan render ${file}\`.\n`;
  if (docs.length === 0) return `${header}# The plan has no backup schedules.\n`;
  return header + docs.map((d) => `---\n${d}`).join('');
}

const CHAOS_RENDERERS: Record<ChaosTool, { title: string; render: (plan: DRPlan) => object[] }> = {
  'chaos-mesh': { title: 'Chaos Mesh Workflow', render: renderChaosMesh },
  litmus: { title: 'Litmus ChaosEngines', render: renderLitmus },
};

function renderChaos(tool: ChaosTool, plan: DRPlan, file: string): string {
  const { title, render: renderTool } = CHAOS_RENDERERS[tool];
  const docs = renderTool(plan).map((manifest) => new Document(manifest).toString());
  const method = plan.spec.drills.chaos?.method;
  const { primary } = planRegions(plan);
  const header = [
    `# ${title} for the failover drill of DR plan ${plan.metadata.name}, rendered by \`lifeboat plan render ${file} --chaos ${tool}\`.`,
    `# Takes the primary region down: apply to its cluster (kubectl --context ${primary.context} apply -f FILE); delete to end the outage early.`,
    ...(method === tool ? [] : [`# Note: the plan's drill method is ${method ?? 'lab'}, so its drills do not use these manifests.`]),
  ];
  return `${header.join('\n')}\n${docs.map((d) => `---\n${d}`).join('')}`;
}
