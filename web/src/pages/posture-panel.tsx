import type { ReactElement } from 'react';
import type { PlanDetail, Posture } from '../api/types';
import { formatRelative } from '../format';
import { useSession } from '../session';
import { ErrorNotice } from '../ui/error-notice';
import { RoleButton } from '../ui/role-button';
import { Term } from '../ui/term';
import { useLoad } from '../ui/use-load';
import { backupPoints } from './backup-points';
import { BackupTimeline } from './backup-timeline';

/**
 * The plan's posture as the server last evaluated it: the backup timeline and what could not be
 * reached. Operators may re-check now.
 */
export function PosturePanel({ detail, onChecked }: { detail: PlanDetail; onChecked: () => void }): ReactElement {
  const { client } = useSession();
  const name = detail.summary.name;
  const posture = useLoad(() => client.posture(name), `posture:${name}`, 30_000);
  const recheck = async (): Promise<void> => {
    await client.posture(name, true);
    posture.reload();
    onChecked();
  };
  return (
    <section className="panel">
      <h2>Backups <span className="muted small"><Term t="posture" /> {posture.data ? `checked ${formatRelative(posture.data.evaluatedAt)}` : posture.loading ? 'being checked…' : ''}</span></h2>
      <RoleButton needs="operator" onClick={() => void recheck()} testId="recheck" why="Evaluate the plan's posture now instead of waiting for the scheduler">Re-check now</RoleButton>
      <ErrorNotice error={posture.error} what="read the posture" />
      {posture.data ? <PostureBody posture={posture.data} detail={detail} /> : null}
    </section>
  );
}

function PostureBody({ posture, detail }: { posture: Posture; detail: PlanDetail }): ReactElement {
  const points = backupPoints(posture, detail.schedules.schedules.map((s) => s.name), detail.coverage.protectedNamespaces);
  return (
    <>
      {posture.errors.length > 0 ? (
        <div className="notice notice-error" data-testid="posture-errors">
          <strong>Could not check everything:</strong>
          <ul>{posture.errors.map((e, i) => <li key={i}>{e.source}{e.region ? ` in ${e.region}` : ''}{e.unreachable ? ' (unreachable)' : ''}: {e.message}</li>)}</ul>
        </div>
      ) : null}
      <BackupTimeline points={points} rpoSeconds={detail.summary.objectives.rpoSeconds} now={Date.parse(posture.evaluatedAt)} />
      <table data-testid="schedules">
        <thead><tr><th><Term t="schedule">Schedule</Term></th><th>Cron</th><th>Kept</th><th>Location</th><th>Worst-case <Term t="RPO" /></th></tr></thead>
        <tbody>
          {detail.schedules.schedules.map((s) => (
            <tr key={s.name}>
              <td>{s.name}</td><td><code>{s.cron}</code></td><td>{s.ttl}</td><td>{s.storageLocation}</td>
              <td className={s.worstCaseRpoSeconds !== null && s.worstCaseRpoSeconds > detail.summary.objectives.rpoSeconds ? 'text-breach' : ''}>{s.worstCaseRpoSeconds !== null ? `${Math.round(s.worstCaseRpoSeconds / 60)}m` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
