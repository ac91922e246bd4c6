import { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { drillFailoverCommand } from './drill-failover.js';
import { drillRestoreCommand } from './drill-restore.js';
import { drillScheduleCommand } from './drill-schedule.js';
import { drillTabletopCommand } from './drill-tabletop.js';

/**
 * `lifeboat drill ...`: rehearse the plan and keep the evidence. Each subcommand lives in its own
 * `drill-<name>.ts` file and is added here with one `addCommand` line.
 */
export function drillCommand(ctx: CliContext): Command {
  return new Command('drill')
    .description('rehearse the DR plan: component restores, full failover drills, tabletop walk-throughs, the drill calendar')
    .addCommand(drillTabletopCommand(ctx))
    .addCommand(drillRestoreCommand(ctx))
    .addCommand(drillFailoverCommand(ctx))
    .addCommand(drillScheduleCommand(ctx));
}
