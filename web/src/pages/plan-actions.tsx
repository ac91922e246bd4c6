import type { ReactElement } from 'react';
import { navigate } from '../router';
import { useSession } from '../session';
import { ConfirmAction } from '../ui/confirm-action';

/**
 * What an operator can start from a plan page. Each asks why (the reason goes into the audit journal)
 * and opens the new run's live page. A failover waits at its declare gate for an approver.
 */
export function PlanActions({ plan }: { plan: string }): ReactElement {
  const { client } = useSession();
  const open = (runId: string): void => navigate({ page: 'run', runId });
  return (
    <div className="actions" data-testid="plan-actions">
      <ConfirmAction needs="operator" label="Start failover" prompt="Why fail over? (goes into the audit journal)" required danger testId="start-failover"
        why="Moves the service to the standby region; it waits at the declare gate for an approver"
        onConfirm={async (reason) => open((await client.startRun(plan, 'failover', reason)).runId)} />
      <ConfirmAction needs="operator" label="Start failback" prompt="Why fail back now?" required testId="start-failback"
        why="Moves the service back to the recovered primary region"
        onConfirm={async (reason) => open((await client.startRun(plan, 'failback', reason)).runId)} />
      <ConfirmAction needs="operator" label="Start component drill" prompt="Note for the drill record" required={false} testId="start-drill-component"
        why="Restores the newest backup into a scratch namespace and checks it; production is untouched"
        onConfirm={async (reason) => open((await client.startDrill(plan, 'component', reason)).runId)} />
      <ConfirmAction needs="operator" label="Start failover drill" prompt="Note for the drill record" required={false} testId="start-drill-failover"
        why="A real failover on purpose, measured against the RTO"
        onConfirm={async (reason) => open((await client.startDrill(plan, 'failover', reason)).runId)} />
    </div>
  );
}
