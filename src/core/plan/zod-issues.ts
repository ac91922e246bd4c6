import type { z } from 'zod';
import type { PathIssue } from './issue-path.js';

/**
 * Per-parse zod error map with messages a platform engineer can act on: "is required" for missing
 * fields, the allowed values for enums, the item count for short lists. It never echoes the input
 * value, because a wrong value in a plan may be a pasted secret. Schema-level messages still win.
 */
export function friendlyMessage(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? `is required (expected ${iss.expected})` : `expected ${iss.expected}, got ${describe(iss.input)}`;
    case 'invalid_value':
      return `expected one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return bound('at least', iss.origin, Number(iss.minimum));
    case 'too_big':
      return bound('at most', iss.origin, Number(iss.maximum));
    default:
      return undefined;
  }
}

function bound(relation: string, origin: string, n: number): string {
  if (origin === 'array') return `needs ${relation} ${n} item${n === 1 ? '' : 's'}`;
  if (origin === 'string') return n === 1 && relation === 'at least' ? 'must not be empty' : `must be ${relation} ${n} characters long`;
  return `must be ${relation} ${n}`;
}

/** Names the type of a value without showing the value. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return value instanceof Date ? 'a timestamp' : 'a mapping';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

/**
 * Turns zod's issues into PathIssues: one issue per unknown key (pointing at the key), the allowed
 * values for a wrong discriminator (`capacity.type`), the rest as they are.
 */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): PathIssue[] {
  return issues.flatMap((iss): PathIssue[] => {
    if (iss.code === 'unrecognized_keys') {
      return iss.keys.map((key) => ({ path: [...iss.path, key], message: `unknown field "${clip(key)}"`, at: 'key' as const }));
    }
    if (iss.code === 'invalid_union' && 'options' in iss && Array.isArray(iss.options)) {
      return [{ path: iss.path, message: `expected one of ${iss.options.map((o) => JSON.stringify(o)).join(', ')}` }];
    }
    const at = iss.code === 'custom' && iss.params?.['at'] === 'key' ? 'key' : 'value';
    return [{ path: iss.path, message: iss.message, at }];
  });
}

const clip = (key: string): string => (key.length > 40 ? `${key.slice(0, 37)}...` : key);
