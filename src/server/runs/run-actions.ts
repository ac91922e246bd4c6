import { ConflictError, NotFoundError } from '../../core/errors.js';
import type { JournalStore } from '../../core/ports/journal-store.js';
import type { AbortResult, ApprovalResult, RunControl } from '../../core/runbook/run-control.js';
import { NotImplementedError, NotLeaderError } from '../errors.js';
import type { Leader } from '../scheduler/leader.js';
import type { RunLauncher } from './run-launcher.js';
import type { DrillRunners, DrillStart, PreparedRun, RunbookStart, RunbookStarter, StartableDrill } from './starters.js';

export interface RunActionsOptions {
  store: JournalStore;
  launcher: RunLauncher;
  starter: RunbookStarter;
  drills: DrillRunners;
  control: RunControl;
  leader: Leader;
  onStarted?: (r: { plan: string; kind: string; runId: string; actor: string }) => void;
}

/**
 * What API calls, alerts and the scheduler do to runs: start failovers, failbacks and drills in this
 * process (only while leader), and approve, reject or abort through the run's journal (RunControl, as
 * `lifeboat run approve` does). The one rule added here: whoever started a run cannot approve it.
 */
export class RunActions {
  constructor(private readonly o: RunActionsOptions) {}

  async startRunbook(start: RunbookStart): Promise<{ runId: string }> {
    this.mustLead();
    const prepared = this.o.starter(start);
    const started = await this.o.launcher.launch(prepared.runId, prepared.drive);
    this.o.onStarted?.({ plan: start.plan.plan.metadata.name, kind: start.kind, runId: started.runId, actor: start.actor });
    return started;
  }

  async startDrill(kind: StartableDrill, start: DrillStart): Promise<{ runId: string }> {
    const runner = this.o.drills[kind];
    if (!runner) throw new NotImplementedError(`this server has no ${kind} drill runner yet: start it with the lifeboat CLI (${kind === 'failover' ? 'a failover drill needs an outage injector' : 'the component drill runner is not wired'})`);
    this.mustLead();
    const prepared = runner(start);
    const started = await this.o.launcher.launch(prepared.runId, prepared.drive, { startsLater: prepared.startsLater ?? false });
    this.o.onStarted?.({ plan: start.plan.plan.metadata.name, kind: `${kind}-drill`, runId: started.runId, actor: start.actor });
    return started;
  }

  /** Drives a prepared resume of an unfinished run in this process (HA: the new leader takes over a dead one's runs). */
  async resumeRun(prepared: PreparedRun): Promise<{ runId: string }> {
    this.mustLead();
    return this.o.launcher.launch(prepared.runId, prepared.drive);
  }

  /** Stops driving runs (see RunLauncher.stop). */
  stop(o: { abort: boolean }): Promise<void> {
    return this.o.launcher.stop(o);
  }

  /** Ids of the runs this process drives. */
  inFlight(): string[] {
    return this.o.launcher.inFlight();
  }

  async approve(r: { runId: string; approver: string; gate?: string; reason?: string }): Promise<ApprovalResult> {
    const starter = await this.starterOf(r.runId);
    if (starter === r.approver) {
      throw new ConflictError(`${r.approver} started run ${r.runId}: the starter's own approval does not count; another approver must approve`);
    }
    return this.o.control.approve(r);
  }

  async reject(r: { runId: string; approver: string; reason: string; gate?: string }): Promise<{ runId: string; gate: string }> {
    await this.starterOf(r.runId);
    return this.o.control.reject(r);
  }

  async abort(r: { runId: string; actor: string; reason: string }): Promise<AbortResult> {
    await this.starterOf(r.runId);
    return this.o.control.abort(r);
  }

  private async starterOf(runId: string): Promise<string> {
    const first = (await this.o.store.read(runId))[0];
    if (first?.kind !== 'run-started') throw new NotFoundError(`run ${runId} has no run-started entry`);
    return first.actor;
  }

  private mustLead(): void {
    if (this.o.leader.isLeader()) return;
    const leader = this.o.leader.leaderId?.();
    throw new NotLeaderError(`this replica (${this.o.leader.id}) is not the leader${leader ? `; the leader is ${leader}` : ''}: send the request to the leader`);
  }
}
