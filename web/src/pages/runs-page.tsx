import type { ReactElement } from 'react';
import type { RunSummary } from '../api/types';
import { formatRelative } from '../format';
import { hrefOf } from '../router';
import { useSession } from '../session';
import { ErrorNotice } from '../ui/error-notice';
import { StatusBadge, toneOfRunState, wordsOfRunState } from '../ui/status-badge';
import { useLoad } from '../ui/use-load';

/** Every run, newest first. */
export function RunsPage(): ReactElement {
  const { client } = useSession();
  const runs = useLoad(() => client.runs(), 'runs', 10_000);
  return (
    <section>
      <h1>Runs</h1>
      <ErrorNotice error={runs.error} what="list the runs" />
      <RunsTable runs={runs.data ?? []} showPlan />
    </section>
  );
}

/** Runs with their state; each links to its live page. */
export function RunsTable({ runs, showPlan = false }: { runs: RunSummary[]; showPlan?: boolean }): ReactElement {
  if (runs.length === 0) return <p className="muted">No runs yet.</p>;
  return (
    <table data-testid="runs">
      <thead><tr><th>State</th><th>Run</th>{showPlan ? <th>Plan</th> : null}<th>Started</th></tr></thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.runId} data-run={r.runId}>
            <td><StatusBadge tone={toneOfRunState(r.state)} label={wordsOfRunState(r.state)} /></td>
            <td><a href={hrefOf({ page: 'run', runId: r.runId })}>{r.runId}</a></td>
            {showPlan ? <td><a href={hrefOf({ page: 'plan', plan: r.plan })}>{r.plan}</a></td> : null}
            <td>{formatRelative(r.startedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
