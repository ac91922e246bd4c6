import { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { planExplainCommand } from './plan-explain.js';
import { planImportCommand } from './plan-import.js';
import { planInitCommand } from './plan-init.js';
import { planRenderCommand } from './plan-render.js';
import { planValidateCommand } from './plan-validate.js';

/** `lifeboat plan validate|explain|render|init`: DR plans as code, before any cluster is involved. */
export function planCommand(ctx: CliContext): Command {
  return new Command('plan')
    .description('validate, explain, render and scaffold DR plans')
    .addCommand(planValidateCommand(ctx))
    .addCommand(planExplainCommand(ctx))
    .addCommand(planRenderCommand(ctx))
    .addCommand(planInitCommand(ctx))
    .addCommand(planImportCommand(ctx));
}
