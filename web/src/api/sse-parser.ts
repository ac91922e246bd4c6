/** One server-sent event as the stream carried it. */
export interface ServerEvent {
  event: string;
  data: string;
  id: string | undefined;
}

/**
 * Splits a text/event-stream into events as chunks arrive (the WHATWG rules the dashboard needs:
 * `event`, `data` (joined by newlines), `id`, comment lines skipped, CRLF or LF).
 *
 * @example const p = new SseParser(); p.push('event: entry\ndata: {}\n\n') // [{event:'entry', data:'{}', id: undefined}]
 */
export class SseParser {
  private buffer = '';

  push(chunk: string): ServerEvent[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const events: ServerEvent[] = [];
    let end = this.buffer.indexOf('\n\n');
    while (end >= 0) {
      const event = parseBlock(this.buffer.slice(0, end));
      if (event) events.push(event);
      this.buffer = this.buffer.slice(end + 2);
      end = this.buffer.indexOf('\n\n');
    }
    return events;
  }
}

function parseBlock(block: string): ServerEvent | undefined {
  const fields = block.split('\n').filter((line) => line !== '' && !line.startsWith(':')).map(fieldOf);
  const event = fields.filter(([f]) => f === 'event').at(-1)?.[1] ?? 'message';
  const data = fields.filter(([f]) => f === 'data').map(([, v]) => v);
  const id = fields.filter(([f]) => f === 'id').at(-1)?.[1];
  return data.length > 0 || event !== 'message' ? { event, data: data.join('\n'), id } : undefined;
}

function fieldOf(line: string): [string, string] {
  const colon = line.indexOf(':');
  return colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')];
}
