import { ProviderError } from '../../core/errors.js';
import { redact } from '../../core/redact.js';

export interface PostJsonOptions {
  /** Provider name for errors: slack, webhook, pagerduty. */
  provider: string;
  /** Values that must never reach an error message (the URL itself when it is the secret, keys). */
  secrets: readonly string[];
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * POSTs a JSON body (already serialized, so callers can sign the exact bytes) and returns the answer's
 * text. Failures become ProviderErrors that never name the URL: retryable for 5xx, 429 and no answer.
 */
export async function postJson(url: string, body: string, options: PostJsonOptions): Promise<string> {
  const fail = (message: string, retryable: boolean, extra: { status?: number; cause?: unknown } = {}): ProviderError =>
    new ProviderError(redact(message.slice(0, 500), [url, ...options.secrets]), { provider: options.provider, operation: 'POST', retryable, ...extra });
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...options.headers },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (cause) {
    throw fail(`${options.provider} endpoint did not answer: ${describe(cause)}`, true);
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) throw fail(`${options.provider} endpoint answered HTTP ${res.status}: ${text.trim() || res.statusText}`, res.status >= 500 || res.status === 429, { status: res.status });
  return text;
}

/** fetch's TypeError hides the reason in `cause` (ECONNREFUSED, timeout); its message is the URL-free part. */
function describe(cause: unknown): string {
  const inner = (cause as { cause?: { code?: string; message?: string } }).cause;
  return inner?.code ?? inner?.message ?? (cause instanceof Error ? cause.message : String(cause));
}
