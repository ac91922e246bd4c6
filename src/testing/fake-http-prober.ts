import type { HttpProber, ProbeResult } from '../core/ports/http-prober.js';

/** Answers probes from a table: a URL maps to ok or not; `answer` can change it mid-test. */
export class FakeHttpProber implements HttpProber {
  readonly vantagePoint = 'fake';
  readonly healthy = new Map<string, boolean>();
  probes = 0;

  answer(urlPrefix: string, ok: boolean): void {
    this.healthy.set(urlPrefix, ok);
  }

  probe(url: string): Promise<ProbeResult> {
    this.probes++;
    const ok = [...this.healthy.entries()].find(([prefix]) => url.startsWith(prefix))?.[1] ?? false;
    return Promise.resolve(ok ? { url, ok, status: 200, elapsedMs: 1 } : { url, ok, error: 'ECONNREFUSED', elapsedMs: 1 });
  }
}
