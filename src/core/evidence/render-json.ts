import type { EvidenceReport } from './evidence-report.js';

/**
 * The report as JSON with every object's keys sorted (the same report always gives the same bytes),
 * indented for people, ending in a newline. Properties whose value is undefined are left out.
 *
 * @example JSON.parse(renderJson(report)).outcome // 'succeeded'
 */
export function renderJson(report: EvidenceReport): string {
  return `${JSON.stringify(sortedKeys(report), null, 2)}\n`;
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v: unknown) => sortedKeys(v === undefined ? null : v));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(record).filter((k) => record[k] !== undefined).sort().map((k) => [k, sortedKeys(record[k])]));
}
