import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { JournalStore } from '../../core/ports/journal-store.js';
import { NotFoundError } from '../../core/errors.js';
import { terminalEntryOf, type JournalEntry } from '../../core/runbook/journal-entry.js';
import { AUTH_ERRORS, errorResponses, runParam } from '../http-schemas.js';
import { redactDeep } from '../redact-body.js';
import type { ServerDeps } from '../server-deps.js';
import { defineRoute, type RouteDef } from './route-def.js';

const seqText = z.string().regex(/^\d{1,9}$/, 'expected a journal seq (a whole number)');

/** How often a stream looks at the journal, and how often it sends a keep-alive comment. */
const POLL_MS = 250;
const KEEPALIVE_MS = 15_000;

/**
 * GET /v1/runs/{run}/events: the run's journal as server-sent events, one `entry` event per entry
 * (id = seq, data = the entry as JSON) as it lands, then one `end` event once the run has ended.
 * A client that reconnects with `Last-Event-ID: <seq>` (or `?after=<seq>`) gets only what followed.
 * A run accepted but not journaled yet (a failover drill) streams once it starts; one that never
 * does ends with `end` `{state: "not-started"}`.
 */
export function runEventRoutes(deps: ServerDeps): RouteDef[] {
  return [defineRoute('viewer', createRoute({
    method: 'get', path: '/v1/runs/{run}/events', tags: ['runs'], summary: 'The run\'s journal entries as server-sent events, resumable with Last-Event-ID',
    request: {
      params: runParam,
      query: z.object({ after: seqText.optional().openapi({ description: 'Send only entries after this seq (as Last-Event-ID)' }) }),
      headers: z.object({ 'last-event-id': seqText.optional() }),
    },
    responses: {
      200: { description: '`entry` events (id = seq, data = JournalEntry JSON), then an `end` event', content: { 'text/event-stream': { schema: z.string() } } },
      ...errorResponses(...AUTH_ERRORS, 404, 422),
    },
  }), async (c) => {
    const { run } = c.req.valid('param');
    const pending = (): boolean => deps.runs.inFlight().includes(run);
    // A run this server has accepted but not yet journaled (a failover drill waiting for detection) streams once it starts.
    if (!pending()) await deps.journal.store.read(run);
    const after = Number(c.req.valid('header')['last-event-id'] ?? c.req.valid('query').after ?? 0);
    return streamSSE(c, (stream) => follow(stream, { store: deps.journal.store, run, after, secrets: deps.secrets, pending }));
  })];
}

interface Follow {
  store: JournalStore;
  run: string;
  after: number;
  secrets: () => readonly string[];
  pending: () => boolean;
}

/** The run's entries; none while it is accepted but not yet journaled; undefined once it is neither. */
async function entriesOf(o: Follow): Promise<JournalEntry[] | undefined> {
  try {
    return await o.store.read(o.run);
  } catch (error) {
    if (error instanceof NotFoundError && o.pending()) return [];
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

async function follow(stream: SSEStreamingApi, o: Follow): Promise<void> {
  let seen = o.after;
  let quietSince = Date.now();
  while (!stream.aborted && !stream.closed) {
    const entries = await entriesOf(o);
    if (!entries) {
      await stream.writeSSE({ event: 'end', data: JSON.stringify({ state: 'not-started', lastSeq: 0 }) });
      return;
    }
    for (const entry of entries.filter((e) => e.seq > seen)) {
      await stream.writeSSE({ id: String(entry.seq), event: 'entry', data: JSON.stringify(redactDeep(entry, o.secrets())) });
      seen = entry.seq;
      quietSince = Date.now();
    }
    const terminal = terminalEntryOf(entries);
    if (terminal) {
      await stream.writeSSE({ event: 'end', data: JSON.stringify({ state: terminal.kind, lastSeq: entries.at(-1)?.seq ?? 0 }) });
      return;
    }
    if (Date.now() - quietSince > KEEPALIVE_MS) {
      await stream.write(': keep-alive\n\n');
      quietSince = Date.now();
    }
    await stream.sleep(POLL_MS);
  }
}
