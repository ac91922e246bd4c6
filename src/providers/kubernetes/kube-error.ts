import { ProviderError } from '../../core/errors.js';

/**
 * Turns a client-node failure into a ProviderError: HTTP status kept, connection failures retryable,
 * and only the API's own message kept (never request headers or kubeconfig contents).
 */
export function kubeError(error: unknown, provider: string, operation: string): ProviderError {
  const e = error as { code?: number | string; body?: unknown; message?: string; cause?: { code?: string } };
  const status = typeof e.code === 'number' ? e.code : undefined;
  const retryable = status === undefined || status >= 500 || status === 429 || status === 409;
  return new ProviderError(`${provider}: ${operation} failed: ${detailOf(e, status)}`, { provider, operation, retryable, status, cause: error });
}

function detailOf(e: { code?: number | string; body?: unknown; message?: string; cause?: { code?: string } }, status: number | undefined): string {
  const netCode = typeof e.code === 'string' ? e.code : e.cause?.code;
  const apiMessage = typeof e.body === 'string' ? safeMessage(e.body) : (e.body as { message?: string } | undefined)?.message;
  if (apiMessage) return apiMessage;
  if (netCode) return netCode;
  return status ? `HTTP ${status}` : (e.message ?? 'unknown error').split('\n')[0] ?? 'unknown error';
}

function safeMessage(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { message?: string }).message;
  } catch {
    return body.slice(0, 200);
  }
}
