import { apiErrorOf, type ApiError } from './api-error';
import { SseParser } from './sse-parser';
import type { JournalEntry } from './types';

export interface RunEventHandlers {
  onEntry(entry: JournalEntry): void;
  /** The run ended; the stream is closed and not reopened. */
  onEnd(end: { state: string; lastSeq: number }): void;
  /** Connected (true) or lost and retrying (false). */
  onConnection(live: boolean): void;
  onError(error: ApiError): void;
}

const RETRY_MS = 2000;

/**
 * Follows GET /v1/runs/{run}/events with fetch (EventSource cannot send the Authorization header),
 * resuming after the last seq seen with `Last-Event-ID` whenever the connection drops. Returns a
 * function that stops following.
 *
 * @example const stop = followRun({ token, runId, after: 12 }, handlers)
 */
export function followRun(o: { token: string; runId: string; after: number; base?: string }, on: RunEventHandlers): () => void {
  const control = new AbortController();
  let lastSeq = o.after;
  let ended = false;
  const connect = async (): Promise<void> => {
    const res = await fetch(`${o.base ?? ''}/v1/runs/${encodeURIComponent(o.runId)}/events`, {
      headers: { authorization: `Bearer ${o.token}`, accept: 'text/event-stream', 'last-event-id': String(lastSeq) },
      signal: control.signal,
    });
    if (!res.ok || !res.body) throw await apiErrorOf(res);
    on.onConnection(true);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (const ev of parser.push(value)) {
        if (ev.event === 'entry') {
          const entry = JSON.parse(ev.data) as JournalEntry;
          lastSeq = Math.max(lastSeq, entry.seq);
          on.onEntry(entry);
        } else if (ev.event === 'end') {
          ended = true;
          on.onEnd(JSON.parse(ev.data) as { state: string; lastSeq: number });
          control.abort();
          return;
        }
      }
    }
  };
  const stopped = (): boolean => ended || control.signal.aborted;
  /** False when the server refused for good (4xx but 429): retrying would not help. */
  const attempt = async (): Promise<boolean> => {
    try {
      await connect();
      return true;
    } catch (error) {
      if (control.signal.aborted || !isFinalRefusal(error)) return true;
      on.onError(error);
      return false;
    }
  };
  const loop = async (): Promise<void> => {
    while (!stopped()) {
      if (!(await attempt()) || stopped()) return;
      on.onConnection(false);
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  };
  void loop();
  return () => control.abort();
}

function isFinalRefusal(error: unknown): error is ApiError {
  if (!(error instanceof Error) || error.name !== 'ApiError') return false;
  const status = (error as ApiError).status;
  return status >= 400 && status < 500 && status !== 429;
}
