import { pino, type DestinationStream } from 'pino';
import { redact } from '../core/redact.js';
import type { Logger } from '../server/logger.js';

/**
 * The server's Logger on pino: JSON lines on stderr (or `destination`), every string field and
 * message passed through `redact` with the secrets the server knows, so a log line never carries a
 * webhook URL, DNS key or token.
 */
export function serverLogger(secrets: () => readonly string[], destination?: DestinationStream): Logger {
  const log = pino({ base: { service: 'lifeboat-server' }, timestamp: pino.stdTimeFunctions.isoTime }, destination ?? pino.destination(2));
  const clean = (fields: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? redact(v, secrets()) : v]));
  return {
    info: (fields, message) => log.info(clean(fields), redact(message, secrets())),
    warn: (fields, message) => log.warn(clean(fields), redact(message, secrets())),
    error: (fields, message) => log.error(clean(fields), redact(message, secrets())),
  };
}
