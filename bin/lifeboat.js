#!/usr/bin/env node
// Runs the built CLI (dist/cli/main.js) when present, else the TypeScript sources through tsx, so a
// fresh clone works after `npm ci` without a build. LIFEBOAT_FROM_SOURCE=1 forces the sources.
import { existsSync } from 'node:fs';

// The AWS SDK warns on every start that its 2027 releases need Node 22; the pinned versions run on
// Node 20 (adr/0001). The warning says nothing an operator can act on mid-incident.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const built = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(built) && process.env.LIFEBOAT_FROM_SOURCE !== '1') {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
