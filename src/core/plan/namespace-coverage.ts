/**
 * Which namespaces a backup covers. Velero's includedNamespaces/excludedNamespaces take names and
 * glob patterns (`*`, `?`); an empty include list or `*` means every namespace.
 */
export interface NamespaceScope {
  included: readonly string[];
  excluded: readonly string[];
}

/**
 * True when a namespace (or a namespace glob the plan protects, such as `team-*`) is inside the scope.
 * A glob item counts as covered when an include pattern matches it as text, so `team-*` is covered by
 * `team-*` or `*` but not by `team-a`.
 *
 * @example coversNamespace({ included: ['prod-*'], excluded: ['prod-tmp'] }, 'prod-eu') // true
 */
export function coversNamespace(scope: NamespaceScope, namespace: string): boolean {
  const included = scope.included.length === 0 || scope.included.some((p) => globMatches(p, namespace));
  return included && !scope.excluded.some((p) => globMatches(p, namespace));
}

/** Matches `*` (any run of characters) and `?` (one character); everything else literally. */
export function globMatches(pattern: string, text: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === text;
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(text);
}
