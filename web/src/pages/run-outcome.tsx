import type { ReactElement } from 'react';
import type { RunOutcome } from '../api/types';
import { formatSeconds } from '../format';
import { Term } from '../ui/term';

/** The failover's measured RTO and RPO against the objectives, once the run has them. */
export function RunOutcomePanel({ outcome }: { outcome: RunOutcome | null }): ReactElement | null {
  if (!outcome) return null;
  if (outcome.unavailable) return <section className="panel"><h2>Outcome</h2><p className="muted">{outcome.unavailable}</p></section>;
  const o = outcome.objectives;
  return (
    <section className="panel" data-testid="run-outcome">
      <h2>Outcome</h2>
      <div className="figures">
        <Measured term="RTO" seconds={outcome.rtoSeconds} objective={o?.rtoSeconds} met={o?.rtoMet} missing="not recovered yet" />
        <Measured term="RPO" seconds={outcome.rpoSeconds} objective={o?.rpoSeconds} met={o?.rpoMet} missing="nothing restored yet" />
      </div>
    </section>
  );
}

function Measured(p: { term: 'RTO' | 'RPO'; seconds: number | null | undefined; objective: number | undefined; met: boolean | null | undefined; missing: string }): ReactElement {
  const tone = p.met === true ? 'text-ok' : p.met === false ? 'text-breach' : '';
  const verdict = p.met === false ? ' — MISSED' : p.met ? ' — met' : '';
  return (
    <div className="figure">
      <div className="figure-label">Measured <Term t={p.term} /></div>
      <div className={`figure-value ${tone}`} data-testid={`outcome-${p.term.toLowerCase()}`}>{p.seconds != null ? formatSeconds(p.seconds) : p.missing}</div>
      <div className="muted small">objective {formatSeconds(p.objective)}{verdict}</div>
    </div>
  );
}
