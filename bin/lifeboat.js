#!/usr/bin/env node
// Runs the built CLI (dist/cli/main.js) when present, else the TypeScript sources through tsx, so a
// fresh clone works after `npm ci` without a build. LIFEBOAT_FROM_SOURCE=1 forces the sources.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(built) && process.env.LIFEBOAT_FROM_SOURCE !== '1') {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
