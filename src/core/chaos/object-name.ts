/**
 * A Kubernetes object name from parts, kept within `max` characters. Chaos tools copy object names
 * into label values (Chaos Mesh's workflow and node labels, Litmus's runner `app` label), which allow 63
 * characters, so long names are cut and made unique again with a short hash of the full name.
 *
 * @example objectName(['lifeboat', 'shop', 'outage']) // 'lifeboat-shop-outage'
 */
export function objectName(parts: readonly string[], max = 63): string {
  const full = parts.join('-');
  if (full.length <= max) return full;
  const hash = fnv1a(full).toString(36).padStart(7, '0').slice(0, 7);
  return `${full.slice(0, max - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

/** 32-bit FNV-1a: a stable, dependency-free hash for name suffixes (not for security). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
