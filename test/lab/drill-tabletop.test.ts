import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { labPaths } from '../../src/lab/lab-config.js';
import { REPO_ROOT, runCli } from '../support/run-cli.js';

/**
 * A tabletop on the live lab, through a real terminal (tmux): the walk-through reads both regions'
 * inventory and catalog, every prompt is answered by send-keys, and the run leaves a signed evidence
 * bundle in every format that `lifeboat evidence verify` accepts, and refuses once a byte changes.
 */
const TMUX = '/usr/bin/tmux';
const socket = `lifeboat-lab-tabletop-${process.pid}`;
const state = mkdtempSync(join(tmpdir(), 'lifeboat-lab-tabletop-'));
const tmux = (...args: string[]): string => execFileSync(TMUX, ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
const screen = (): string => tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'tt');
const promptLines = (text: string): string[] => text.match(/^(owner|estimate|notes) \([^\n]*?\)> /gm) ?? [];

afterAll(() => {
  try { tmux('kill-server'); } catch { /* gone already */ }
  rmSync(state, { recursive: true, force: true });
});

describe('tabletop on the live lab, driven through tmux', { timeout: 300_000 }, () => {
  let text = '';
  let bundle = '';

  it('walks the failover runbook showing what each step touches in the live regions, and records the answers', async () => {
    const cli = `env LIFEBOAT_STATE_DIR='${state}' LIFEBOAT_FROM_SOURCE=1 NO_COLOR=1 node bin/lifeboat.js --kubeconfig '${labPaths().kubeconfig}' drill tabletop examples/lab.yaml --participants alice,bob`;
    tmux('new-session', '-d', '-s', 'tt', '-x', '220', '-y', '50', '-c', REPO_ROOT, `${cli}; echo "TABLETOP EXIT $?"; sleep 600`);
    const deadline = Date.now() + 240_000;
    let answered = 0;
    for (;;) {
      text = screen();
      if (text.includes('TABLETOP EXIT') || Date.now() > deadline) break;
      const prompts = promptLines(text);
      if (prompts.length > answered) {
        const kind = prompts[answered]?.split(' ')[0];
        const answer = kind === 'owner' ? '1' : kind === 'estimate' ? '1m' : '';
        if (answer !== '') tmux('send-keys', '-t', 'tt', '-l', '--', answer);
        tmux('send-keys', '-t', 'tt', 'Enter');
        answered++;
      }
      await sleep(100);
    }

    expect(text).toContain('TABLETOP EXIT');
    expect(text).toMatch(/region-a: namespace production: .*Deployment/);
    expect(text).toMatch(/region-b: newest backup of production: /);
    expect(text).toContain('tabletop drill recorded as succeeded');
    bundle = /^evidence: (\S+)$/m.exec(text)?.[1] ?? '';
    expect(bundle).not.toBe('');
  });

  it('leaves evidence in every format, which verifies, and fails after one byte of the journal or the report changes', async () => {
    for (const f of ['report.json', 'report.md', 'report.html', 'report.junit.xml', 'report.pdf', 'journal.jsonl', 'manifest.json']) expect(existsSync(join(bundle, f)), f).toBe(true);
    expect(readFileSync(join(bundle, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(join(bundle, 'report.junit.xml'), 'utf8')).toContain('<testsuite');
    const ok = await runCli(['evidence', 'verify', bundle], { env: { LIFEBOAT_STATE_DIR: state } });
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);

    for (const file of ['journal.jsonl', 'report.html']) {
      const path = join(bundle, file);
      const original = readFileSync(path);
      const changed = Buffer.from(original);
      const at = Math.floor(changed.length / 2);
      changed[at] = (changed[at] ?? 0) ^ 0x01;
      writeFileSync(path, changed);
      const bad = await runCli(['evidence', 'verify', bundle], { env: { LIFEBOAT_STATE_DIR: state } });
      writeFileSync(path, original);

      expect(bad.code, file).not.toBe(0);
      expect(bad.stdout + bad.stderr).toContain(file);
    }
  });
});
