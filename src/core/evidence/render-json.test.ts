import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/fixtures/evidence/sample-report.js';
import { evidenceReportSchema } from './evidence-report.js';
import { renderJson } from './render-json.js';

/** The same object with every key order reversed. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
}

describe('renderJson', () => {
  it('matches its snapshot and parses back into the same report', async () => {
    const { report } = await sampleReport();

    const sut = renderJson(report);

    await expect(sut).toMatchFileSnapshot('../../../test/fixtures/evidence/snapshots/report-succeeded.json');
    expect(evidenceReportSchema.parse(JSON.parse(sut))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('gives the same bytes whatever the key order of the report', async () => {
    const { report } = await sampleReport();

    const sut = renderJson(reversed(report) as typeof report);

    expect(sut).toBe(renderJson(report));
    expect(Object.keys(JSON.parse(sut) as object)).toEqual([...Object.keys(report)].filter((k) => (report as Record<string, unknown>)[k] !== undefined).sort());
  });
});
