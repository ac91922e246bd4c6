import { redact } from '../core/redact.js';

/**
 * Every string in a response body passed through `redact` with the secrets the server knows (the
 * values behind the plans' env:/file: references, S3 keys) and its URL rules (query strings and
 * userinfo removed). Keys are left alone: they are the API's field names.
 *
 * @example redactDeep({ error: 'POST https://hooks.example/x?token=abc' }, []) // { error: 'POST https://hooks.example/x?***' }
 */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  return walk(value, secrets) as T;
}

function walk(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (Array.isArray(value)) return value.map((v: unknown) => walk(v, secrets));
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, walk(v, secrets)]));
}
