import type { ReactElement } from 'react';
import type { PlanDetail } from '../api/types';
import { formatRelative, formatSeconds } from '../format';
import { Term } from '../ui/term';

/** The RTO objective beside the predicted and the last measured RTO, each red when over the objective. */
export function RtoPanel({ rto }: { rto: PlanDetail['rto'] }): ReactElement {
  const over = (s: number): string => (s > rto.objectiveSeconds ? 'text-breach' : 'text-ok');
  return (
    <div className="figures" data-testid="rto-panel">
      <div className="figure"><div className="figure-label"><Term t="RTO" /> objective</div><div className="figure-value">{formatSeconds(rto.objectiveSeconds)}</div></div>
      <div className="figure">
        <div className="figure-label"><Term t="predicted RTO">Predicted</Term></div>
        <div className={`figure-value ${over(rto.predicted.seconds)}`}>{formatSeconds(rto.predicted.seconds)}</div>
        <div className="muted small">{rto.predicted.source === 'drill' ? 'from the last failover drill' : 'sum of the runbook\'s step budgets'}</div>
      </div>
      <div className="figure">
        <div className="figure-label"><Term t="measured RTO">Measured</Term></div>
        {rto.measured ? (
          <>
            <div className={`figure-value ${over(rto.measured.seconds)}`}>{formatSeconds(rto.measured.seconds)}</div>
            <div className="muted small">failover drill {formatRelative(rto.measured.at)}</div>
          </>
        ) : <div className="figure-value text-warn">never measured</div>}
      </div>
    </div>
  );
}
