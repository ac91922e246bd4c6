import { ProviderError } from '../../core/errors.js';
import { redact } from '../../core/redact.js';

interface AwsErrorShape {
  name?: string;
  message?: string;
  messages?: string[];
  $metadata?: { httpStatusCode?: number };
}

/** Route 53 answers throttling with HTTP 400 and these codes; a later attempt can succeed. */
const RETRYABLE_CODES = new Set(['Throttling', 'ThrottlingException', 'PriorRequestNotComplete']);

/**
 * Turns an AWS SDK failure into a ProviderError: the error code and Route 53's messages (an
 * InvalidChangeBatch lists one per bad change), redacted. Retryable for 5xx, 429, throttling and no
 * answer at all; not for other 4xx (a bad change batch, a missing zone, refused credentials).
 */
export function route53Error(cause: unknown, at: { operation: string; zone: string; secrets: readonly string[] }): ProviderError {
  const e = (cause ?? {}) as AwsErrorShape;
  const status = e.$metadata?.httpStatusCode;
  const code = e.name ?? 'Error';
  const detail = e.messages && e.messages.length > 0 ? e.messages.join('; ') : (e.message ?? String(cause));
  const what = status === undefined ? 'failed without an answer' : `answered HTTP ${status}`;
  const message = redact(`Route 53 ${at.operation} on hosted zone ${at.zone} ${what}: ${code}: ${detail}`.slice(0, 600), at.secrets);
  return new ProviderError(message, { provider: 'route53', operation: at.operation, retryable: isRetryable(status, code), status, cause });
}

function isRetryable(status: number | undefined, code: string): boolean {
  return status === undefined || status >= 500 || status === 429 || RETRYABLE_CODES.has(code);
}
