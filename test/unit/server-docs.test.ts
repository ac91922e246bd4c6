import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleTableMarkdown } from '../../src/server/role-table.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { startTestServer, type TestServer } from './server-harness.js';

const DOC = join(REPO_ROOT, 'docs', 'server.md');
const SECTION = /<!-- routes:begin -->\n([\s\S]*?)\n<!-- routes:end -->/;
let h: TestServer;

beforeAll(async () => {
  h = await startTestServer();
}, 30_000);

afterAll(async () => {
  await h?.close();
});

describe('docs/server.md', () => {
  it('carries the role table generated from the route table (UPDATE_DOCS=1 rewrites it)', () => {
    const generated = roleTableMarkdown(h.server.app.routes);
    const doc = readFileSync(DOC, 'utf8');
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, doc.replace(SECTION, `<!-- routes:begin -->\n${generated}\n<!-- routes:end -->`));

    const documented = SECTION.exec(readFileSync(DOC, 'utf8'))?.[1];

    expect(documented).toBe(generated);
    expect(generated.split('\n')).toHaveLength(h.server.app.routes.length + 2);
  });
});
