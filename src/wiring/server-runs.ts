import type { RunbookStarter } from '../server/runs/starters.js';
import type { JournalWiring } from './journal.js';
import { newRunId, runFailover } from './run-failover.js';

/**
 * Failovers and failbacks started by the server: `runFailover` with the plan's real providers, in
 * this process, journaled in the server's state directory. The run id is chosen first so the API
 * can answer with it as soon as the run is journaled.
 */
export function failoverStarter(o: { journal: JournalWiring; kubeconfig?: string; env: NodeJS.ProcessEnv }): RunbookStarter {
  return (start) => {
    const { plan, text } = start.plan;
    const runId = newRunId(start.kind, plan.metadata.name);
    return {
      runId,
      drive: (signal) => runFailover({
        kind: start.kind, plan, planText: text, namespaces: plan.spec.protection.namespaces.names, actor: start.actor, approve: start.approve,
        runId, signal, journal: o.journal, env: o.env, ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}),
      }),
    };
  };
}
