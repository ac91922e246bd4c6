import type { ReactElement } from 'react';
import type { PlanDetail } from '../api/types';
import { formatRelative, formatSeconds, formatTime } from '../format';
import { hrefOf } from '../router';
import { Term } from '../ui/term';

/** The drill calendar (per kind: cadence, state, last run, next due) and the recorded drills. */
export function DrillTables({ drills }: { drills: PlanDetail['drills'] }): ReactElement {
  return (
    <>
      <table data-testid="drill-schedule">
        <thead><tr><th><Term t="drill">Drill</Term></th><th>Cadence</th><th>State</th><th>Last run</th><th>Next due</th></tr></thead>
        <tbody>
          {drills.schedule.map((r) => (
            <tr key={r.kind}>
              <td>{r.kind}</td>
              <td>{r.cadence}</td>
              <td className={r.state === 'ok' ? 'text-ok' : 'text-breach'}>{r.state === 'never' ? 'never done' : r.state === 'overdue' ? `overdue by ${r.overdueBy ?? '?'}` : 'on time'}</td>
              <td>{r.lastRun ? `${formatRelative(r.lastRun)}${r.lastRunSucceeded === false ? ' (failed)' : ''}` : '—'}</td>
              <td>{r.nextDue ? formatRelative(r.nextDue) : r.state === 'never' ? 'now' : '—'}{r.nextSlot ? <div className="muted small">next slot {formatTime(r.nextSlot)}</div> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Drill history</h3>
      {drills.history.length === 0 ? <p className="text-warn">No drill has been recorded for this plan.</p> : (
        <table data-testid="drill-history">
          <thead><tr><th>Finished</th><th>Kind</th><th>Result</th><th><Term t="measured RTO">Measured RTO</Term></th><th>Run</th></tr></thead>
          <tbody>
            {drills.history.map((d) => (
              <tr key={`${d.kind}-${d.finishedAt}`}>
                <td>{formatTime(d.finishedAt)}</td>
                <td>{d.kind}</td>
                <td className={d.succeeded ? 'text-ok' : 'text-breach'}>{d.succeeded ? 'succeeded' : 'failed'}</td>
                <td>{d.measuredRtoSeconds !== null ? formatSeconds(d.measuredRtoSeconds) : '—'}</td>
                <td>{d.runId ? <a href={hrefOf({ page: 'run', runId: d.runId })}>{d.runId}</a> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
