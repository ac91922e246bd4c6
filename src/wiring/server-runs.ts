import { existsSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import type { DRPlan } from '../core/plan/schema.js';
import type { FailoverPorts } from '../core/runbook/failover/failover-executor.js';
import type { DrillRunners, RunbookStarter } from '../server/runs/starters.js';
import { closeFailoverDrill, closeRestoreDrill } from './drill-evidence.js';
import type { JournalWiring } from './journal.js';
import { chaosInjectorFor } from './outage-injector.js';
import { newRunId, runFailover } from './run-failover.js';
import { runFailoverDrill } from './run-failover-drill.js';
import { runRestoreDrill } from './run-restore-drill.js';

/**
 * Failovers and failbacks started by the server: `runFailover` with the plan's real providers, in
 * this process, journaled in the server's state directory. The run id is chosen first so the API
 * can answer with it as soon as the run is journaled.
 */
export function failoverStarter(o: { journal: JournalWiring; kubeconfig?: string; env: NodeJS.ProcessEnv; ports?: (plan: DRPlan) => FailoverPorts }): RunbookStarter {
  return (start) => {
    const { plan, text } = start.plan;
    const runId = newRunId(start.kind, plan.metadata.name);
    return {
      runId,
      drive: (signal) => runFailover({
        kind: start.kind, plan, planText: text, namespaces: plan.spec.protection.namespaces.names, actor: start.actor, approve: start.approve,
        runId, signal, journal: o.journal, env: o.env, ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}), ...(o.ports ? { ports: o.ports(plan) } : {}),
      }),
    };
  };
}

/** Evidence PDFs need Chromium; a server image without it writes the other five files of the bundle. */
const PDF = existsSync('/usr/bin/chromium') ? {} : { pdf: false as const };

/**
 * The server's drill runners, the CLI's own: a component drill (`runRestoreDrill` of one protected
 * namespace into a scratch namespace of the standby) and a full failover drill (`runFailoverDrill`
 * with the plan's Chaos Mesh or Litmus injector: a real outage of the primary). Each closes with its
 * signed evidence bundle and drill record, as `lifeboat drill restore|failover` do.
 */
export function drillRunners(o: { journal: JournalWiring; kubeconfig?: string; env: NodeJS.ProcessEnv }): DrillRunners {
  const connect = { env: o.env, ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}) };
  return {
    component: (start) => {
      const { plan, text } = start.plan;
      const namespace = start.namespace ?? plan.spec.protection.namespaces.names[0];
      if (!namespace || !plan.spec.protection.namespaces.names.includes(namespace)) {
        throw new InputError([{ path: 'namespace', message: `${namespace ?? '(none)'} is not a protected namespace of ${plan.metadata.name} (protected: ${plan.spec.protection.namespaces.names.join(', ') || 'none by name'})` }]);
      }
      const runId = newRunId('component', plan.metadata.name);
      return {
        runId,
        drive: async () => {
          const drill = await runRestoreDrill({ plan, planText: text, namespace, actor: start.actor, runId, journal: o.journal, ...connect });
          await closeRestoreDrill(plan, drill, { ...connect, ...PDF });
        },
      };
    },
    failover: (start) => {
      const { plan, text } = start.plan;
      const injector = chaosInjectorFor(plan, connect);
      const runId = newRunId('drill', plan.metadata.name);
      return {
        runId,
        startsLater: true,
        drive: async () => {
          const drill = await runFailoverDrill({ plan, planText: text, injector, actor: start.actor, runId, ...connect });
          await closeFailoverDrill(plan, drill, { ...connect, ...PDF });
        },
      };
    },
  };
}
