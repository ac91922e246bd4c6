import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { JournalStore } from '../../core/ports/journal-store.js';
import { terminalEntryOf } from '../../core/runbook/journal-entry.js';
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
    await deps.journal.store.read(run);
    const after = Number(c.req.valid('header')['last-event-id'] ?? c.req.valid('query').after ?? 0);
    return streamSSE(c, (stream) => follow(stream, { store: deps.journal.store, run, after, secrets: deps.secrets }));
  })];
}

async function follow(stream: SSEStreamingApi, o: { store: JournalStore; run: string; after: number; secrets: () => readonly string[] }): Promise<void> {
  let seen = o.after;
  let quietSince = Date.now();
  while (!stream.aborted && !stream.closed) {
    const entries = await o.store.read(o.run);
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
