import { Command } from 'commander';
import { Duration } from '../../core/objectives/duration.js';
import { InputError } from '../../core/errors.js';
import { parsePlan } from '../../core/plan/parse-plan.js';
import { fenceWhenBack } from '../../wiring/fence-when-back.js';
import type { CliContext } from '../cli-context.js';
import type { GlobalOptions } from '../program.js';
import { readInputFile } from '../read-input-file.js';

/**
 * `lifeboat fence PLAN --region R [--wait 30m]`: fences a failed-over region as soon as it answers
 * again (workloads 0, storage locations ReadOnly, Schedules paused), so it neither serves nor writes
 * to the bucket until failback. Run it right after a failover whose fence step reported it owed.
 */
export function fenceCommand(ctx: CliContext): Command {
  return new Command('fence')
    .description('fence an old primary as soon as it is reachable again (no traffic, no bucket writes)')
    .argument('<plan>', 'DR plan file')
    .requiredOption('--region <name>', 'the region to fence (the failed-over old primary)')
    .option('--wait <duration>', 'how long to wait for the region to come back', '30m')
    .action(async (file: string, o: { region: string; wait: string }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const wait = Duration.tryParse(o.wait);
      if (!wait) throw new InputError([{ path: '--wait', message: `expected a duration like "30m", got "${o.wait}"` }]);
      const plan = parsePlan(await readInputFile(file, ctx.cwd), file);
      let told = false;
      const result = await fenceWhenBack(plan, o.region, {
        wait, kubeconfig: global.kubeconfig, env: ctx.env,
        onWaiting: () => { if (!told) ctx.stderr.write(`waiting for ${o.region} to come back (up to ${wait.toString()})\n`); told = true; },
      });
      ctx.stdout.write(`${JSON.stringify(result)}\n`);
    });
}
