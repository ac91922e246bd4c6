import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/api-error';
import { followRun } from '../api/run-events';
import type { JournalEntry, RunDetail } from '../api/types';
import { useSession } from '../session';
import { asApiError } from '../ui/use-load';
import { hasEnded, mergeEntries } from './live-elapsed';

export interface LiveRun {
  detail: RunDetail | undefined;
  /** Every entry seen, from the run's detail and the event stream, in seq order. */
  entries: JournalEntry[];
  error: ApiError | undefined;
  /** Accepted by the server but not journaled yet (a failover drill waits for its outage to be detected). */
  pending: boolean;
  /** connecting, live (stream open), reconnecting, ended. */
  connection: 'connecting' | 'live' | 'reconnecting' | 'ended';
  /** Wall clock, ticking four times a second while the run is under way: bars fill between entries. */
  now: number;
  reload(): void;
}

const TICK_MS = 250;
const RELOAD_DEBOUNCE_MS = 150;

/**
 * A run as it happens: GET /v1/runs/{run} once, then its event stream from the last seq seen; each
 * new entry is shown at once and the run's detail (steps, gates, outcome) is re-read shortly after.
 */
export function useLiveRun(runId: string): LiveRun {
  const { client } = useSession();
  const [detail, setDetail] = useState<RunDetail | undefined>(undefined);
  const [streamed, setStreamed] = useState<JournalEntry[]>([]);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [connection, setConnection] = useState<LiveRun['connection']>('connecting');
  const [now, setNow] = useState(() => Date.now());
  const [version, setVersion] = useState(0);
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [firstSeq, setFirstSeq] = useState<number | undefined>(undefined);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    let live = true;
    client.run(runId).then((d) => {
      if (!live) return;
      setDetail(d);
      setError(undefined);
      setPending(false);
      setFirstSeq((s) => s ?? d.entries.at(-1)?.seq ?? 0);
    }, (e: unknown) => {
      if (!live) return;
      const error = asApiError(e);
      // Not journaled yet: the event stream waits for the run, and its first entry brings the detail.
      if (error.status === 404) { setPending(true); setFirstSeq((s) => s ?? 0); } else setError(error);
    });
    return () => { live = false; };
  }, [client, runId, version]);

  useEffect(() => {
    if (firstSeq === undefined) return undefined;
    return followRun({ token: client.token, runId, after: firstSeq }, {
      onEntry: (entry) => {
        setStreamed((s) => mergeEntries(s, [entry]));
        clearTimeout(reloadTimer.current);
        reloadTimer.current = setTimeout(() => setVersion((v) => v + 1), RELOAD_DEBOUNCE_MS);
      },
      onEnd: (end) => {
        setConnection('ended');
        if (end.state === 'not-started') setError(new ApiError(404, 'not_started', 'the run was accepted but never started: see the server log'));
        else setVersion((v) => v + 1);
      },
      onConnection: (isLive) => setConnection(isLive ? 'live' : 'reconnecting'),
      onError: (e) => setError(e),
    });
  }, [client, runId, firstSeq]);

  const entries = mergeEntries(detail?.entries ?? [], streamed);
  const ended = hasEnded(entries);
  useEffect(() => {
    if (ended) return undefined;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [ended]);
  useEffect(() => () => clearTimeout(reloadTimer.current), []);

  return { detail, entries, error, pending: pending && !detail, connection: ended ? 'ended' : connection, now, reload: () => setVersion((v) => v + 1) };
}
