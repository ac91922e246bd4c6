import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { InputError } from '../../core/errors.js';
import { parsePlan } from '../../core/plan/parse-plan.js';
import type { CliContext } from '../cli-context.js';
import { collectAnswers, type StarterFlags } from '../init/starter-answers.js';
import { starterPlan } from '../init/starter-plan.js';

interface InitOptions extends StarterFlags {
  out?: string;
  force?: boolean;
}

/**
 * `lifeboat plan init`: writes a commented starter plan for a pattern, asking for what the flags leave
 * out when stdin is a terminal. The plan goes to --out FILE (never over an existing file without
 * --force) or to stdout. The text is parsed back as a plan before it is written.
 */
export function planInitCommand(ctx: CliContext): Command {
  return new Command('init')
    .description('write a commented starter DR plan')
    .addOption(new Option('--pattern <pattern>', 'DR pattern').choices(['active-passive', 'active-active', 'pilot-light']))
    .option('--name <name>', 'plan name')
    .option('--primary-context <context>', 'kubeconfig context of the primary region')
    .option('--standby-context <context>', 'kubeconfig context of the standby region')
    .option('--rto <duration>', 'recovery time objective, e.g. 15m')
    .option('--rpo <duration>', 'recovery point objective, e.g. 1h')
    .option('--namespaces <list>', 'namespaces to protect, comma-separated')
    .addOption(new Option('--dns-provider <provider>', 'DNS provider').choices(['powerdns', 'route53', 'cloudflare', 'none']))
    .option('--zone <zone>', 'DNS zone, e.g. example.com.')
    .option('--record <record>', 'DNS record that fails over, e.g. app.example.com.')
    .option('--out <file>', 'write the plan to this file instead of stdout')
    .option('--force', 'overwrite --out if it exists')
    .action(async (options: InitOptions) => {
      const { out, force, ...flags } = options;
      const text = starterPlan(await collectAnswers(flags, ctx)).toString();
      parsePlan(text, out ?? 'starter plan');
      if (!out) {
        ctx.stdout.write(text);
        return;
      }
      await writeNew(resolve(ctx.cwd, out), text, force === true, out);
      ctx.stderr.write(`wrote ${out}; next: lifeboat plan validate ${out}\n`);
    });
}

async function writeNew(path: string, text: string, force: boolean, shown: string): Promise<void> {
  try {
    await writeFile(path, text, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new InputError([{ path: '--out', message: `${shown} already exists; pass --force to overwrite it` }], { cause: error });
  }
}
