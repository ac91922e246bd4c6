import type { HttpProber, ProbeResult } from '../../core/ports/http-prober.js';

/** Probes with Node's fetch from the orchestrator itself (vantage point "orchestrator" unless named). */
export class FetchHttpProber implements HttpProber {
  constructor(readonly vantagePoint = 'orchestrator') {}

  static fromConfig(config: { vantagePoint?: string } = {}): FetchHttpProber {
    return new FetchHttpProber(config.vantagePoint);
  }

  async probe(url: string, options: { host?: string; timeoutMs: number; signal?: AbortSignal }): Promise<ProbeResult> {
    const started = performance.now();
    const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
    const elapsedMs = (): number => Math.round(performance.now() - started);
    try {
      const res = await fetch(url, { signal: AbortSignal.any(signals), headers: options.host ? { host: options.host } : {} });
      await res.arrayBuffer();
      return { url, ok: res.status >= 200 && res.status < 400, status: res.status, elapsedMs: elapsedMs() };
    } catch (err) {
      const e = err as { name?: string; cause?: { code?: string }; message: string };
      const error = e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.message);
      return { url, ok: false, error, elapsedMs: elapsedMs() };
    }
  }
}
