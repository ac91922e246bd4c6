import { readFileSync } from 'node:fs';
import { InputError } from '../core/errors.js';

/**
 * Resolves a plan's secret reference (`env:NAME` or `file:/path`) to its value. The value is returned
 * to the provider that needs it and never logged; errors name the reference, never a value.
 */
export function resolveSecretRef(ref: string, field: string, env: NodeJS.ProcessEnv = process.env): string {
  if (ref.startsWith('env:')) {
    const name = ref.slice(4);
    const value = env[name];
    if (!value) throw new InputError([{ path: field, message: `environment variable ${name} (from ${ref}) is not set` }]);
    return value;
  }
  if (ref.startsWith('file:')) {
    try {
      return readFileSync(ref.slice(5), 'utf8').trim();
    } catch {
      throw new InputError([{ path: field, message: `cannot read secret file ${ref.slice(5)}` }]);
    }
  }
  throw new InputError([{ path: field, message: 'expected a secret reference like "env:NAME" or "file:/path"' }]);
}
