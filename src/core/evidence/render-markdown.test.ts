import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/fixtures/evidence/sample-report.js';
import { renderMarkdown } from './render-markdown.js';

describe('renderMarkdown', () => {
  it('matches its snapshot for a succeeded drill', async () => {
    const { report } = await sampleReport();

    const sut = renderMarkdown(report);

    await expect(sut).toMatchFileSnapshot('../../../test/fixtures/evidence/snapshots/report-succeeded.md');
  });

  it('matches its snapshot for a failed drill, failure first', async () => {
    const { report } = await sampleReport({ fail: true });

    const sut = renderMarkdown(report);

    await expect(sut).toMatchFileSnapshot('../../../test/fixtures/evidence/snapshots/report-failed.md');
    expect(sut.indexOf('## Failure')).toBeLessThan(sut.indexOf('## Objectives'));
  });

  it('keeps table cells in their table: pipes escaped, newlines flattened, no raw HTML', async () => {
    const { report } = await sampleReport();
    const odd = { ...report, checks: [{ name: 'a | b', passed: false, detail: 'line one\nline two <b>bold</b>' }] };

    const sut = renderMarkdown(odd);

    expect(sut).toContain('| a \\| b | FAIL | line one line two &lt;b&gt;bold&lt;/b&gt; |');
  });
});
