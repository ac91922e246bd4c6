/**
 * A problem found in a plan before it has a file position: the path as keys and indexes, and a message.
 * parsePlan turns these into InputIssues with a dotted path and `file:line:column`.
 */
export interface PathIssue {
  path: readonly PropertyKey[];
  message: string;
  /** Point the location at the key of the last segment (unknown fields) instead of its value. */
  at?: 'key' | 'value';
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/**
 * Formats a path the way people write it in docs and `kubectl explain`: dots between keys, brackets
 * for list indexes, quoted brackets for keys that are not plain words (label keys, domains).
 *
 * @example formatPath(['spec', 'regions', 1, 'role']) // 'spec.regions[1].role'
 * @example formatPath(['metadata', 'labels', 'lifeboat.dev/tier']) // 'metadata.labels["lifeboat.dev/tier"]'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}
