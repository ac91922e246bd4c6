export interface ProbeResult {
  url: string;
  ok: boolean;
  status?: number;
  /** Connection error code (ECONNREFUSED, EHOSTUNREACH, timeout) when there was no HTTP answer. */
  error?: string;
  elapsedMs: number;
}

/** HTTP checks from one vantage point (health endpoints, the ingress with the app's Host header). */
export interface HttpProber {
  readonly vantagePoint: string;
  probe(url: string, options: { host?: string; timeoutMs: number; signal?: AbortSignal }): Promise<ProbeResult>;
}
