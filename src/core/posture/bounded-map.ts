/**
 * Maps items with at most `limit` calls in flight, keeping input order. Rejections are not caught here:
 * callers that want `{ results, errors }` settle inside `fn`.
 *
 * @example await boundedMap(regions, 4, (r) => probe(r))
 */
export async function boundedMap<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
