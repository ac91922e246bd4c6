import type { ReactElement } from 'react';
import type { RunOutcome } from '../api/types';
import { formatSeconds } from '../format';
import { Term } from '../ui/term';

/** The failover's measured RTO and RPO against the objectives, once the run has them. */
export function RunOutcomePanel({ outcome }: { outcome: RunOutcome | null }): ReactElement | null {
  if (!outcome) return null;
  if (outcome.unavailable) return <section className="panel"><h2>Outcome</h2><p className="muted">{outcome.unavailable}</p></section>;
  const o = outcome.objectives;
  const met = (m: boolean | null | undefined): string => (m === true ? 'text-ok' : m === false ? 'text-breach' : '');
  return (
    <section className="panel" data-testid="run-outcome">
      <h2>Outcome</h2>
      <div className="figures">
        <div className="figure">
          <div className="figure-label">Measured <Term t="RTO" /></div>
          <div className={`figure-value ${met(o?.rtoMet)}`} data-testid="outcome-rto">{outcome.rtoSeconds != null ? formatSeconds(outcome.rtoSeconds) : 'not recovered yet'}</div>
          <div className="muted small">objective {formatSeconds(o?.rtoSeconds)}{o?.rtoMet === false ? ' — MISSED' : o?.rtoMet ? ' — met' : ''}</div>
        </div>
        <div className="figure">
          <div className="figure-label">Measured <Term t="RPO" /></div>
          <div className={`figure-value ${met(o?.rpoMet)}`} data-testid="outcome-rpo">{outcome.rpoSeconds != null ? formatSeconds(outcome.rpoSeconds) : 'nothing restored yet'}</div>
          <div className="muted small">objective {formatSeconds(o?.rpoSeconds)}{o?.rpoMet === false ? ' — MISSED' : o?.rpoMet ? ' — met' : ''}</div>
        </div>
      </div>
    </section>
  );
}
