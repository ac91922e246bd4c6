import type { ReactElement } from 'react';
import type { GateView, RunDetail } from '../api/types';
import { useSession } from '../session';
import { ConfirmAction } from '../ui/confirm-action';
import { Term } from '../ui/term';

/**
 * The gates of a run (who approved, how many more are needed) with approve and reject for the gate
 * that waits (approvers), and abort while the run is under way (operators).
 */
export function RunControls({ detail, ended, onDone }: { detail: RunDetail; ended: boolean; onDone: () => void }): ReactElement {
  const { client } = useSession();
  const waiting = detail.gates.find((g) => g.waiting);
  return (
    <section className="panel" data-testid="run-controls">
      <h2><Term t="gate">Gates</Term></h2>
      {detail.gates.length === 0 ? <p className="muted">This runbook has no gates.</p> : <ul className="gates">{detail.gates.map((g) => <GateLine key={g.gate} gate={g} />)}</ul>}
      {waiting && !ended ? (
        <div className="gate-waiting" data-testid="gate-waiting" data-gate={waiting.gate}>
          <p className="big text-warn">Waiting for approval at <Term t={waiting.gate === 'declare' ? 'declare gate' : 'gate'}>{waiting.title ?? waiting.gate}</Term>: {waiting.approvals - waiting.approvers.length} more approver(s) needed{detail.startedBy ? ` (not ${detail.startedBy}, who started it)` : ''}.</p>
          <div className="actions">
            <ConfirmAction needs="approver" label="Approve" prompt="Comment for the journal" required={false} testId="approve"
              why="Approve this gate: the run goes on" onConfirm={async (comment) => { await client.approve(detail.runId, { gate: waiting.gate, ...(comment ? { comment } : {}) }); onDone(); }} />
            <ConfirmAction needs="approver" label="Reject" prompt="Why reject? (the run rolls back and ends failed)" required danger testId="reject"
              why="Reject this gate: the run rolls back" onConfirm={async (reason) => { await client.reject(detail.runId, { gate: waiting.gate, reason }); onDone(); }} />
          </div>
        </div>
      ) : null}
      {!ended ? (
        <div className="actions">
          <ConfirmAction needs="operator" label="Abort run" prompt="Why abort? (what was done is undone, in reverse order)" required danger testId="abort"
            why="Stop at the next step boundary and run the compensations" onConfirm={async (reason) => { await client.abort(detail.runId, reason); onDone(); }} />
        </div>
      ) : null}
    </section>
  );
}

function GateLine({ gate }: { gate: GateView }): ReactElement {
  if (gate.approvals === 0) return <li data-gate={gate.gate}><strong>{gate.title ?? gate.gate}</strong> <span className="muted">no approval needed for this plan</span></li>;
  const state = gate.rejected ? `rejected by ${gate.rejected.approver}: ${gate.rejected.reason}` : gate.approvers.length >= gate.approvals ? `approved by ${gate.approvers.join(', ')}` : gate.waiting ? `waiting: ${gate.approvers.length} of ${gate.approvals} approvals` : 'not reached';
  const tone = gate.rejected ? 'text-breach' : gate.approvers.length >= gate.approvals ? 'text-ok' : gate.waiting ? 'text-warn' : 'muted';
  return <li data-gate={gate.gate}><strong>{gate.title ?? gate.gate}</strong> <span className={tone}>{state}</span></li>;
}
