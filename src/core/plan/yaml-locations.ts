import { isAlias, isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** Where a path points in a parsed YAML document. */
export interface NodeLocation {
  line: number;
  column: number;
}

/**
 * Finds the position of the node a path names. Missing keys point at the parent map (where the key
 * belongs), unknown keys at the key itself, present values at the value; aliases resolve to their
 * anchor; pass `at: 'key'` to point at the key of the last segment. Walks iteratively and only as deep as the path, so hostile documents cannot blow the stack.
 *
 * @example locate(doc, ['spec', 'objectives', 'rpo'], counter) // { line: 12, column: 10 }
 */
export function locate(doc: Document, path: readonly PropertyKey[], counter: LineCounter, at: 'key' | 'value' = 'value'): NodeLocation {
  let node: unknown = doc.contents;
  let last: Node | undefined = asNode(node);
  let step: Step | undefined;
  for (const segment of path) {
    step = child(doc, node, segment);
    if (step === undefined) break;
    node = step.value;
    last = step.anchor ?? last;
  }
  if (at === 'key' && step?.key) last = step.key;
  const pos = counter.linePos(offsetOf(last, doc));
  return { line: pos.line, column: pos.col };
}

function offsetOf(node: Node | undefined, doc: Document): number {
  return node?.range?.[0] ?? doc.range?.[0] ?? 0;
}

interface Step {
  value: unknown;
  /** The node to report if the walk ends here. */
  anchor: Node | undefined;
  /** The key node, for paths that name a key rather than its value. */
  key?: Node | undefined;
}

function child(doc: Document, node: unknown, segment: PropertyKey): Step | undefined {
  const target = isAlias(node) ? node.resolve(doc) : node;
  if (isSeq(target) && typeof segment === 'number') {
    const item: unknown = target.items[segment];
    return item === undefined ? undefined : { value: item, anchor: asNode(item) };
  }
  if (!isMap(target)) return undefined;
  const pair = target.items.find((p) => isPair(p) && keyOf(p.key) === String(segment));
  if (pair === undefined) return undefined;
  const value = isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
  return { value, anchor: asNode(value) ?? asNode(pair.key), key: asNode(pair.key) };
}

function keyOf(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}

function asNode(value: unknown): Node | undefined {
  if (!isNode(value)) return undefined;
  return value.range ? value : undefined;
}
