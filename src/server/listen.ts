import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { InputError } from '../core/errors.js';

/** Parses `HOST:PORT`, `:PORT` or `[::1]:PORT`; the host defaults to 127.0.0.1 (nothing public by default). */
export function parseListen(addr: string, field = 'spec.listen'): { host: string; port: number } {
  const m = /^(?:(\[[^\]]+\]|[^:]*):)?(\d{1,5})$/.exec(addr.trim());
  const port = Number(m?.[2]);
  if (!m || port > 65535) throw new InputError([{ path: field, message: `expected an address like "127.0.0.1:7480" or ":7480", got "${addr}"` }]);
  return { host: (m[1] ?? '').replace(/^\[|\]$/g, '') || '127.0.0.1', port };
}

export interface Listening {
  /** `http://host:port` as bound (port 0 becomes the real port). */
  url: string;
  port: number;
  /** Stops accepting, ends open connections (event streams included) and resolves when closed. */
  close(): Promise<void>;
}

/**
 * Serves a fetch handler (a Hono app) over HTTP on Node's http module; resolves once listening.
 *
 * @example const s = await listen(app.fetch, parseListen('127.0.0.1:0')); await fetch(`${s.url}/healthz`)
 */
export async function listen(fetch: (request: Request) => Response | Promise<Response>, at: { host: string; port: number }): Promise<Listening> {
  const server = createAdaptorServer({ fetch, hostname: at.host, port: at.port }) as Server;
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port, at.host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    url: `http://${host}:${bound.port}`,
    port: bound.port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
