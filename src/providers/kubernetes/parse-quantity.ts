const SUFFIX: Record<string, number> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/**
 * A Kubernetes resource quantity (`500m`, `2`, `128Mi`, `1e9`) as a plain number of base units;
 * 0 for absent or unreadable values (a request nobody set asks for nothing).
 *
 * @example parseQuantity('250m') // 0.25
 */
export function parseQuantity(text: string | undefined): number {
  const m = /^([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/.exec((text ?? '').trim());
  const scale = m ? SUFFIX[m[2] ?? ''] : undefined;
  return m && scale !== undefined ? Number(m[1]) * scale : 0;
}
