import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { HttpProber, ProbeResult } from '../../core/ports/http-prober.js';

/**
 * Probes with Node's HTTP client from the orchestrator itself (vantage point "orchestrator" unless
 * named). node:http rather than fetch: fetch silently drops a `Host` header, and probing an ingress
 * by address for the record's host name needs exactly that header.
 */
export class FetchHttpProber implements HttpProber {
  constructor(readonly vantagePoint = 'orchestrator') {}

  static fromConfig(config: { vantagePoint?: string } = {}): FetchHttpProber {
    return new FetchHttpProber(config.vantagePoint);
  }

  async probe(url: string, options: { host?: string; timeoutMs: number; signal?: AbortSignal }): Promise<ProbeResult> {
    const started = performance.now();
    const elapsedMs = (): number => Math.round(performance.now() - started);
    try {
      const status = await get(url, options);
      return { url, ok: status >= 200 && status < 400, status, elapsedMs: elapsedMs() };
    } catch (err) {
      const e = err as { name?: string; code?: string; message: string };
      const error = e.name === 'TimeoutError' ? 'timeout' : (e.code ?? e.message);
      return { url, ok: false, error, elapsedMs: elapsedMs() };
    }
  }
}

/** GETs the URL (Host header overridden when given), drains the body, resolves with the status. */
function get(url: string, o: { host?: string; timeoutMs: number; signal?: AbortSignal }): Promise<number> {
  const signals = [AbortSignal.timeout(o.timeoutMs), ...(o.signal ? [o.signal] : [])];
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: o.host ? { host: o.host } : {}, signal: AbortSignal.any(signals), ...(o.host ? { servername: o.host.replace(/:\d+$/, '') } : {}) }, (res: IncomingMessage) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', (error: Error & { code?: string }) => {
      reject(error.name === 'AbortError' && signals[0]?.aborted ? Object.assign(new Error('timeout'), { name: 'TimeoutError' }) : error);
    });
    req.end();
  });
}
