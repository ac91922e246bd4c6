import type { ReactElement } from 'react';
import type { JournalEntry, RunDetail } from '../api/types';
import { formatSeconds, formatTime } from '../format';
import { describeEntry } from '../run/describe-entry';
import { hasEnded, progressOf } from '../run/live-elapsed';
import { useLiveRun, type LiveRun } from '../run/use-live-run';
import { hrefOf } from '../router';
import { BudgetBar } from '../ui/budget-bar';
import { ErrorNotice } from '../ui/error-notice';
import { StatusBadge, toneOfRunState, wordsOfRunState } from '../ui/status-badge';
import { Term } from '../ui/term';
import { RunControls } from './run-controls';
import { RunOutcomePanel } from './run-outcome';

const CONNECTION_WORDS: Record<LiveRun['connection'], string> = { connecting: 'connecting…', live: '● live', reconnecting: 'connection lost, reconnecting…', ended: 'run ended' };

/** A run as it happens: steps with budget bars, gates and their buttons, the journal, the outcome. */
export function RunPage({ runId }: { runId: string }): ReactElement {
  const live = useLiveRun(runId);
  const d = live.detail;
  if (!d) return <RunNotYet runId={runId} live={live} />;
  const ended = hasEnded(live.entries);
  const state = ended ? (live.entries.find((e) => e.kind.startsWith('run-') && e.kind !== 'run-started' && e.kind !== 'run-resumed')?.kind ?? d.state) : 'unfinished';
  return (
    <section data-testid="run-page" data-run={runId} data-state={state}>
      <header className={`plan-header row-${toneOfRunState(state)}`}>
        <StatusBadge tone={toneOfRunState(state)} label={wordsOfRunState(state)} />
        <div>
          <h1>{d.runId}</h1>
          <div className="objectives">
            <span>plan <a href={hrefOf({ page: 'plan', plan: d.plan })}>{d.plan}</a></span>
            <span>started by {d.startedBy ?? 'unknown'}</span>
            <span>{formatSeconds(totalSeconds(live.entries, live.now, ended))} of {formatSeconds(d.totalBudgetSeconds)} <Term t="budget" /></span>
            <span className={d.chain.ok ? 'text-ok' : 'text-breach'}><Term t="hash chain" /> {d.chain.ok ? 'intact' : `BROKEN at seq ${d.chain.seq}: ${d.chain.reason}`}</span>
            <span className={`conn conn-${live.connection}`} data-testid="connection">{CONNECTION_WORDS[live.connection]}</span>
          </div>
        </div>
      </header>
      <ErrorNotice error={live.error} what="follow the run" />
      <RunControls detail={d} ended={ended} onDone={() => live.reload()} />
      <StepsPanel detail={d} entries={live.entries} now={live.now} />
      <RunOutcomePanel outcome={d.outcome} />
      <JournalPanel entries={live.entries} />
    </section>
  );
}

function RunNotYet({ runId, live }: { runId: string; live: LiveRun }): ReactElement {
  return (
    <section data-testid="run-page" data-run={runId} data-state={live.pending ? 'pending' : 'loading'}>
      <h1>Run {runId}</h1>
      <ErrorNotice error={live.error} what="load the run" />
      {live.pending && !live.error ? <p className="big text-warn">Accepted, not started yet: a failover drill starts once its injected outage is detected. This page follows it from its first step.</p> : null}
      {!live.pending && !live.error ? <p className="muted">Loading…</p> : null}
    </section>
  );
}

function totalSeconds(entries: readonly JournalEntry[], now: number, ended: boolean): number {
  const first = entries[0];
  if (!first) return 0;
  const end = ended ? Date.parse(entries.at(-1)?.at ?? first.at) : now;
  return (end - Date.parse(first.at)) / 1000;
}

function StepsPanel({ detail, entries, now }: { detail: RunDetail; entries: JournalEntry[]; now: number }): ReactElement {
  return (
    <section className="panel">
      <h2>Steps <span className="muted small">elapsed against <Term t="budget" /></span></h2>
      <table className="steps" data-testid="steps">
        <tbody>
          {detail.steps.map((s) => {
            const p = progressOf(s, entries, now);
            return (
              <tr key={s.id} data-step={s.id} data-running={String(p.running)} data-over={String(p.over)}>
                <td className="step-phase">{s.phase === 'fence' ? <Term t="fence">fence</Term> : s.kind === 'gate' ? <Term t="gate">{s.phase}</Term> : s.phase}</td>
                <td className="step-id">{s.id}{s.attempts > 1 ? <span className="muted small"> · attempt {s.attempts}</span> : null}</td>
                <td className="step-bar"><BudgetBar progress={p} budgetSeconds={s.budgetSeconds} label={s.id} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

const ENTRY_TONE: Record<string, string> = { 'step-failed': 'text-breach', 'step-timed-out': 'text-breach', 'run-failed': 'text-breach', 'gate-rejected': 'text-breach', 'run-aborted': 'text-warn', 'abort-requested': 'text-warn', 'gate-waiting': 'text-warn', 'run-succeeded': 'text-ok', 'gate-approved': 'text-ok' };

function JournalPanel({ entries }: { entries: JournalEntry[] }): ReactElement {
  return (
    <section className="panel">
      <h2><Term t="journal">Journal</Term> <span className="muted small">{entries.length} entries, newest last</span></h2>
      <ol className="journal" data-testid="journal">
        {entries.map((e) => (
          <li key={e.seq} data-seq={e.seq} data-kind={e.kind} className={ENTRY_TONE[e.kind] ?? ''}>
            <span className="seq">#{e.seq}</span> <time dateTime={e.at}>{formatTime(e.at)}</time> <span className="entry-text">{describeEntry(e)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
