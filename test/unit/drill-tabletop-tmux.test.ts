import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { REPO_ROOT, runCli } from '../support/run-cli.js';

/**
 * `lifeboat drill tabletop` on a real terminal: the CLI runs inside a detached tmux session (its own
 * server socket), a person's answers are typed with send-keys, and the screen is read with
 * capture-pane. Then the journal it left in a temporary state directory is read back through the CLI.
 */
const TMUX = '/usr/bin/tmux';
const socket = `lifeboat-tabletop-${process.pid}-${Date.now()}`;
const session = 'tabletop';
const interrupted = 'tabletop-ctrl-c';
let dir = '';
/** The server's socket file, removed in afterAll (tmux leaves it behind when the server is killed). */
let socketPath = '';

/** An active-active plan: its failover runbook has six items (confirm, declare, switch, verify, watch, notify). */
const plan = {
  apiVersion: 'lifeboat.dev/v1alpha1', kind: 'DRPlan', metadata: { name: 'tabletop-tmux' },
  spec: {
    pattern: 'active-active',
    regions: [
      { name: 'us-east', role: 'active', context: 'east', healthEndpoints: ['https://east.example.com/healthz'], ingress: { address: '192.0.2.10' } },
      { name: 'us-west', role: 'active', context: 'west', ingress: { address: '192.0.2.20' } },
    ],
    objectives: { rto: '5m', rpo: '15m' },
    protection: { namespaces: { names: ['storefront'] }, volumes: 'none' },
    backup: { mode: 'adopt', storageLocations: [{ name: 'default', bucket: 'velero', location: 'elsewhere' }] },
    traffic: { provider: 'none', zone: 'example.com.', record: 'shop.example.com.', weights: { 'us-east': 50, 'us-west': 50 } },
    trigger: { autoFailover: true },
    budgets: { confirm: '1m', switchTraffic: '1m' },
  },
};

/** What is typed, prompt by prompt: [owner, estimate(s)..., notes] per step; `soon` is re-asked, step 2 has no owner. */
const typed = [
  'alice', 'soon', '30s', 'check the pager first',
  '', '0s', '',
  '2', '20s', '',
  'carol', '1m', 'dig from two resolvers',
  'alice', '2m', '',
  'bob', '1m', 'status page too',
];

const tmux = (...args: string[]): string => execFileSync(TMUX, ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
/** The whole pane, scrollback included, as plain text. */
const screen = (target = session): string => tmux('capture-pane', '-p', '-J', '-S', '-', '-t', target);
const prompts = (text: string): number => (text.match(/^(owner|estimate|notes) \([^\n]*?\)> /gm) ?? []).length;

/** Starts the tabletop in its own tmux session (200x50), keeping the pane after it exits. */
function startTabletop(target: string, state: string): void {
  const cli = `env LIFEBOAT_STATE_DIR='${state}' LIFEBOAT_FROM_SOURCE=1 NO_COLOR=1 node bin/lifeboat.js drill tabletop '${join(dir, 'plan.yaml')}' --offline --participants alice,bob`;
  tmux('new-session', '-d', '-s', target, '-x', '200', '-y', '50', '-c', REPO_ROOT, `${cli}; echo "TABLETOP EXIT $?"; sleep 600`);
  socketPath = tmux('display-message', '-p', '-t', target, '#{socket_path}').trim();
}

async function waitFor(what: string, ready: (text: string) => boolean, target = session, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen(target);
    if (ready(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${text}`);
    await sleep(100);
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lifeboat-tabletop-'));
  await writeFile(join(dir, 'plan.yaml'), stringify(plan));
});

afterAll(async () => {
  try {
    tmux('kill-server');
  } catch {
    // the server is already gone
  }
  if (socketPath) await rm(socketPath, { force: true });
  await rm(dir, { recursive: true, force: true });
});

describe('lifeboat drill tabletop on a terminal', { timeout: 180_000 }, () => {
  it('walks every step with typed answers, re-asks a bad estimate, flags the unowned step and journals it all', async () => {
    const state = join(dir, 'state');
    startTabletop(session, state);

    for (const [i, answer] of typed.entries()) {
      await waitFor(`prompt ${i + 1}`, (text) => prompts(text) >= i + 1);
      if (answer !== '') tmux('send-keys', '-t', session, '-l', '--', answer);
      tmux('send-keys', '-t', session, 'Enter');
    }
    const text = await waitFor('the end of the tabletop', (t) => t.includes('TABLETOP EXIT'));

    expect(text).toContain('owner (1 alice, 2 bob, or a name; empty: nobody)>');
    expect(text).toContain('estimate: expected a duration like "4m", "90s" or "1h30m", got "soon"');
    expect(prompts(text)).toBe(typed.length);
    expect(text).toContain('flag: no owner');
    expect(text).toMatch(/^STEP\s+OWNER\s+ESTIMATE\s+BUDGET\s+DISCUSSED\s+FLAGS$/m);
    expect(text).toMatch(/^declare\s+-\s+0s\s+5m\s+\d+s\s+no owner$/m);
    expect(text).toMatch(/^switch-traffic\s+bob\s+20s\s+1m\s+/m);
    expect(text).toContain('estimated RTO 50s vs objective 5m (budgets add up to 2m): within it');
    expect(text).toContain('steps without an owner: declare');
    expect(text).toContain('tabletop drill recorded as not succeeded');
    expect(text).toContain('TABLETOP EXIT 1');

    const runId = /^run: (tabletop-tabletop-tmux-\S+)$/m.exec(text)?.[1] ?? '';
    const shown = await runCli(['run', 'show', runId, '-o', 'json'], { env: { LIFEBOAT_STATE_DIR: state } });
    const journal = JSON.parse(shown.stdout) as { chain: { ok: boolean }; entries: Array<{ kind: string; step?: string; output?: unknown; actor?: string }> };
    expect(shown.code).toBe(0);
    expect(journal.chain.ok).toBe(true);
    expect(journal.entries[0]).toMatchObject({ kind: 'run-started', actor: expect.stringMatching(/; participants: alice, bob$/) });
    expect(journal.entries.at(-1)?.kind).toBe('run-succeeded');
    const answered = journal.entries.filter((e) => e.kind === 'step-succeeded');
    expect(answered.map((e) => [e.step, e.output])).toEqual([
      ['confirm-outage', { owner: 'alice', estimate: '30s', notes: 'check the pager first', discussedMs: expect.any(Number), flags: [] }],
      ['declare', { owner: null, estimate: '0s', notes: '', discussedMs: expect.any(Number), flags: ['no-owner'] }],
      ['switch-traffic', { owner: 'bob', estimate: '20s', notes: '', discussedMs: expect.any(Number), flags: [] }],
      ['verify-traffic', { owner: 'carol', estimate: '1m', notes: 'dig from two resolvers', discussedMs: expect.any(Number), flags: [] }],
      ['watch', { owner: 'alice', estimate: '2m', notes: '', discussedMs: expect.any(Number), flags: [] }],
      ['notify', { owner: 'bob', estimate: '1m', notes: 'status page too', discussedMs: expect.any(Number), flags: [] }],
    ]);
    expect(journal.entries.filter((e) => e.kind === 'step-started')).toHaveLength(6);

    const schedule = await runCli(['drill', 'schedule', join(dir, 'plan.yaml'), '-o', 'json'], { env: { LIFEBOAT_STATE_DIR: state } });
    const rows = JSON.parse(schedule.stdout) as Array<{ drills: Array<{ kind: string; lastRun?: { runId?: string; succeeded: boolean } }> }>;
    expect(rows[0]?.drills.find((d) => d.kind === 'tabletop')?.lastRun).toEqual({ finishedAt: expect.any(String), succeeded: false, runId });
  });

  it('keeps the answers given when Ctrl-C stops the discussion, and journals the run as aborted', async () => {
    const state = join(dir, 'state-ctrl-c');
    startTabletop(interrupted, state);

    for (const [i, answer] of ['bob', '45s', 'paged', 'alice'].entries()) {
      await waitFor(`prompt ${i + 1}`, (text) => prompts(text) >= i + 1, interrupted);
      tmux('send-keys', '-t', interrupted, '-l', '--', answer);
      tmux('send-keys', '-t', interrupted, 'Enter');
    }
    await waitFor('the estimate prompt of step 2', (text) => prompts(text) >= 5, interrupted);
    tmux('send-keys', '-t', interrupted, 'C-c');
    const text = await waitFor('the end of the tabletop', (t) => t.includes('TABLETOP EXIT'), interrupted);

    expect(text).toContain('tabletop interrupted: answers so far are kept in the journal');
    expect(text).toMatch(/^confirm-outage\s+bob\s+45s\s+1m\s+/m);
    expect(text).toMatch(/^declare\s+\(not discussed\)/m);
    expect(text).toContain('TABLETOP EXIT 1');
    const runId = /^run: (tabletop-tabletop-tmux-\S+)$/m.exec(text)?.[1] ?? '';
    const shown = await runCli(['run', 'show', runId, '-o', 'json'], { env: { LIFEBOAT_STATE_DIR: state } });
    const journal = JSON.parse(shown.stdout) as { chain: { ok: boolean }; entries: Array<{ kind: string; step?: string; output?: unknown; error?: string; reason?: string }> };
    expect(journal.chain.ok).toBe(true);
    expect(journal.entries.map((e) => e.kind)).toEqual(['run-started', 'step-started', 'step-succeeded', 'step-started', 'step-failed', 'run-aborted']);
    expect(journal.entries[2]?.output).toMatchObject({ owner: 'bob', estimate: '45s', notes: 'paged' });
    expect(journal.entries[4]).toMatchObject({ step: 'declare', error: 'interrupted during the discussion; answers so far: owner "alice"' });
    expect(journal.entries[5]).toMatchObject({ reason: 'tabletop interrupted' });
  });
});
