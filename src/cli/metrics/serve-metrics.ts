import { createServer, type Server } from 'node:http';
import { InputError } from '../../core/errors.js';
import type { Registry } from 'prom-client';

/** Parses `HOST:PORT`, `:PORT` or `PORT` (host default 127.0.0.1: metrics are not public by default). */
export function parseListenAddress(addr: string): { host: string; port: number } {
  const m = /^(?:(\[[^\]]+\]|[^:]*):)?(\d{1,5})$/.exec(addr.trim());
  const port = Number(m?.[2]);
  if (!m || port > 65535) throw new InputError([{ path: '--serve-metrics', message: `expected an address like ":9464" or "127.0.0.1:9464", got "${addr}"` }]);
  return { host: (m[1] ?? '').replace(/^\[|\]$/g, '') || '127.0.0.1', port };
}

/** Serves the registry at GET /metrics (Prometheus text format); resolves once listening. */
export async function serveMetrics(registry: Registry, addr: string): Promise<Server> {
  const { host, port } = parseListenAddress(addr);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '/').split('?')[0] !== '/metrics') {
      res.writeHead(404).end('not found: try /metrics\n');
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      (error: unknown) => res.writeHead(500).end(`${error instanceof Error ? error.message : String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
