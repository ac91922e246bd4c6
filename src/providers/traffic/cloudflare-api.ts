import { ProviderError } from '../../core/errors.js';
import { redact } from '../../core/redact.js';

/** The envelope every Cloudflare API v4 answer comes in. */
interface Envelope<T> {
  success?: boolean;
  errors?: Array<{ code?: number; message?: string }>;
  result?: T;
}

/**
 * A minimal Cloudflare API v4 client: bearer-token auth, JSON bodies, the `{success, errors, result}`
 * envelope. Failures become ProviderErrors (retryable for 5xx, 429 and no answer) whose messages carry
 * Cloudflare's error codes and messages but never the token.
 */
export class CloudflareApi {
  constructor(private readonly base: string, private readonly token: string) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const operation = `${method} ${path.split('?')[0] ?? path}`;
    let res: Response;
    try {
      res = await fetch(`${this.base.replace(/\/$/, '')}${path}`, {
        method,
        headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (cause) {
      throw this.error(`Cloudflare ${operation} failed without an answer: ${String(cause)}`, { operation, retryable: true, cause });
    }
    const envelope = (await res.json().catch(() => ({}))) as Envelope<T>;
    if (!res.ok || envelope.success === false) {
      const reasons = (envelope.errors ?? []).map((e) => `${e.code ?? '?'} ${e.message ?? ''}`.trim()).join('; ') || res.statusText;
      throw this.error(`Cloudflare ${operation} answered HTTP ${res.status}: ${reasons}`, { operation, retryable: res.status >= 500 || res.status === 429, status: res.status });
    }
    return envelope.result as T;
  }

  private error(message: string, details: { operation: string; retryable: boolean; status?: number; cause?: unknown }): ProviderError {
    return new ProviderError(redact(message.slice(0, 600), [this.token]), { provider: 'cloudflare', ...details });
  }
}
