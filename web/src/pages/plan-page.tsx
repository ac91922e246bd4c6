import type { ReactElement } from 'react';
import type { PlanDetail } from '../api/types';
import { formatRelative } from '../format';
import { rpoVerdict, toneOfPlan } from '../plan-tone';
import { useSession } from '../session';
import { ErrorNotice } from '../ui/error-notice';
import { StatusBadge } from '../ui/status-badge';
import { Term } from '../ui/term';
import { useLoad } from '../ui/use-load';
import { DrillTables } from './drill-tables';
import { FindingsTable } from './findings-table';
import { PlanActions } from './plan-actions';
import { PosturePanel } from './posture-panel';
import { RtoPanel } from './rto-panel';
import { RunsTable } from './runs-page';

/** One plan: status, actions, RTO, findings, coverage, backups, drills and its runs. */
export function PlanPage({ plan }: { plan: string }): ReactElement {
  const { client } = useSession();
  const detail = useLoad(() => client.plan(plan), `plan:${plan}`, 30_000);
  const runs = useLoad(() => client.runs(plan), `runs:${plan}`, 15_000);
  if (!detail.data) return <section><h1>{plan}</h1><ErrorNotice error={detail.error} what={`load plan ${plan}`} />{detail.loading ? <p className="muted">Loading…</p> : null}</section>;
  const d = detail.data;
  return (
    <section data-testid="plan-page" data-plan={plan}>
      <PlanHeader detail={d} />
      <PlanActions plan={plan} />
      <section className="panel">
        <h2><Term t="RTO" />: how long recovery takes</h2>
        <RtoPanel rto={d.rto} />
      </section>
      <section className="panel">
        <h2><Term t="finding">Findings</Term> <span className="muted small">{d.findings.length}</span></h2>
        <FindingsTable findings={d.findings} testId="findings" />
      </section>
      <section className="panel">
        <h2><Term t="coverage">Coverage</Term></h2>
        <p>Protected namespaces: {d.coverage.protectedNamespaces.map((n) => <code key={n} className="chip">{n}</code>)}</p>
        <p className={d.coverage.uncoveredNamespaces ? 'text-breach' : ''}>
          {d.coverage.uncoveredNamespaces === null ? 'Not checked against the cluster yet.' : `${d.coverage.uncoveredNamespaces} namespace(s) in the cluster are not protected.`}
          {d.schedules.uncoveredNamespaces.length > 0 ? ` No schedule backs up: ${d.schedules.uncoveredNamespaces.join(', ')}.` : ''}
        </p>
        {d.coverage.unprotected.length > 0 ? <FindingsTable findings={d.coverage.unprotected} testId="coverage-findings" /> : null}
      </section>
      <PosturePanel detail={d} onChecked={() => detail.reload()} />
      <section className="panel">
        <h2><Term t="drill">Drills</Term></h2>
        <DrillTables drills={d.drills} />
      </section>
      <section className="panel">
        <h2>Runs</h2>
        <ErrorNotice error={runs.error} what="list the runs" />
        <RunsTable runs={runs.data ?? []} />
      </section>
    </section>
  );
}

function PlanHeader({ detail }: { detail: PlanDetail }): ReactElement {
  const s = detail.summary;
  const rpo = rpoVerdict(s);
  return (
    <header className={`plan-header row-${toneOfPlan(s)}`}>
      <StatusBadge tone={toneOfPlan(s)} />
      <div>
        <h1>{s.name} <span className="muted small">{s.pattern}</span></h1>
        <div className="objectives">
          <span><Term t="RPO" /> objective <strong>{s.objectives.rpo}</strong>, achieved: <strong className={`text-${rpo.tone}`} data-testid="achieved-rpo">{rpo.text}</strong></span>
          <span><Term t="RTO" /> objective <strong>{s.objectives.rto}</strong></span>
          <span className="muted">{s.evaluatedAt ? `posture checked ${formatRelative(s.evaluatedAt)}` : 'posture not checked yet'} · {s.file}</span>
        </div>
      </div>
    </header>
  );
}
