import type { ReactElement } from 'react';
import type { DrillRecord, PlanDetail, PlanSummary } from '../api/types';
import { formatRelative, formatSeconds } from '../format';
import { rpoVerdict, toneOfPlan, worstFirst } from '../plan-tone';
import { hrefOf } from '../router';
import { useSession } from '../session';
import { ErrorNotice } from '../ui/error-notice';
import { StatusBadge } from '../ui/status-badge';
import { Term } from '../ui/term';
import { useLoad } from '../ui/use-load';

interface FleetRow {
  plan: PlanSummary;
  detail: PlanDetail | undefined;
  lastDrill: DrillRecord | undefined;
}

const REFRESH_MS = 15_000;

/** Every plan, worst first: status, achieved RPO against the objective, RTO, last drill, next drill due. */
export function FleetPage(): ReactElement {
  const { client } = useSession();
  const fleet = useLoad(async (): Promise<FleetRow[]> => {
    const [plans, drills] = await Promise.all([client.plans(), client.drills().catch(() => ({ drills: [] as DrillRecord[] }))]);
    const details = await Promise.all(plans.map((p) => client.plan(p.name).catch(() => undefined)));
    return worstFirst(plans).map((plan) => ({
      plan,
      detail: details.find((d) => d?.summary.name === plan.name),
      lastDrill: drills.drills.find((d) => d.plan === plan.name),
    }));
  }, 'fleet', REFRESH_MS);
  const rows = fleet.data ?? [];
  const breached = rows.filter((r) => toneOfPlan(r.plan) === 'breach').length;
  return (
    <section>
      <h1>Fleet <span className="muted small">{rows.length} plans{breached > 0 ? `, ${breached} in breach` : ''}</span></h1>
      <ErrorNotice error={fleet.error} what="load the plans" />
      {fleet.loading && !fleet.data ? <p className="muted">Loading plans…</p> : null}
      <table className="fleet" data-testid="fleet">
        <thead>
          <tr>
            <th>Status</th><th>Plan</th><th><Term t="achieved RPO" /> vs objective</th><th><Term t="RTO" />: objective / <Term t="predicted RTO">predicted</Term></th>
            <th>Findings</th><th>Last <Term t="drill" /></th><th>Next drill due</th>
          </tr>
        </thead>
        <tbody>{rows.map((r) => <FleetRowView key={r.plan.name} row={r} />)}</tbody>
      </table>
      {rows.length === 0 && fleet.data ? <p>No plans are loaded: point the server's <code>spec.plans</code> at your plan files.</p> : null}
    </section>
  );
}

function FleetRowView({ row }: { row: FleetRow }): ReactElement {
  const { plan, detail, lastDrill } = row;
  const tone = toneOfPlan(plan);
  const rpo = rpoVerdict(plan);
  const predicted = detail?.rto.predicted.seconds;
  return (
    <tr className={`row-${tone}`} data-plan={plan.name} data-status={tone}>
      <td><StatusBadge tone={tone} /></td>
      <td>
        <a href={hrefOf({ page: 'plan', plan: plan.name })} className="plan-link">{plan.name}</a>
        <div className="muted small">{plan.pattern}{plan.evaluatedAt ? ` · checked ${formatRelative(plan.evaluatedAt)}` : ' · posture not checked yet'}</div>
      </td>
      <td>
        <span className={`text-${rpo.tone}`}>{rpo.text}</span>
        <div className="muted small">objective {plan.objectives.rpo}</div>
      </td>
      <td>
        {plan.objectives.rto} / <span className={predicted !== undefined && predicted > plan.objectives.rtoSeconds ? 'text-breach' : ''}>{predicted !== undefined ? formatSeconds(predicted) : '…'}</span>
      </td>
      <td><FindingCounts counts={plan.findings} /></td>
      <td>{lastDrill ? <span className={lastDrill.succeeded ? '' : 'text-breach'}>{lastDrill.kind} {formatRelative(lastDrill.finishedAt)}{lastDrill.succeeded ? '' : ' (failed)'}</span> : <span className="text-warn">never</span>}</td>
      <td><NextDrill detail={detail} /></td>
    </tr>
  );
}

/** Error, warning and info counts, the non-zero ones coloured. */
export function FindingCounts({ counts }: { counts: PlanSummary['findings'] }): ReactElement {
  return (
    <span className="counts">
      <span className={counts.error > 0 ? 'text-breach' : 'muted'}>{counts.error} errors</span>{' · '}
      <span className={counts.warning > 0 ? 'text-warn' : 'muted'}>{counts.warning} warnings</span>
    </span>
  );
}

function NextDrill({ detail }: { detail: PlanDetail | undefined }): ReactElement {
  if (!detail) return <span className="muted">…</span>;
  const rows = detail.drills.schedule;
  const late = rows.find((r) => r.state === 'overdue' || r.state === 'never');
  if (late) return <span className="text-breach">{late.kind}: {late.state === 'never' ? 'never done, due now' : `overdue by ${late.overdueBy ?? '?'}`}</span>;
  const next = rows.filter((r) => r.nextDue).sort((a, b) => Date.parse(a.nextDue ?? '') - Date.parse(b.nextDue ?? ''))[0];
  return next ? <span>{next.kind} {formatRelative(next.nextDue)}</span> : <span className="muted">none scheduled</span>;
}
