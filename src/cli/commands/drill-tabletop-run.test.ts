import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tabletopAnswersOf } from '../../core/drills/tabletop-journal.js';
import { tabletopSteps } from '../../core/drills/tabletop-steps.js';
import type { Duration } from '../../core/objectives/duration.js';
import type { Clock } from '../../core/ports/clock.js';
import { verifyChain } from '../../core/runbook/hash-chain.js';
import { failoverRunbook } from '../../core/runbook/failover/failover-runbook.js';
import { NodeCryptoHasher } from '../../providers/store/node-crypto-hasher.js';
import { InMemoryDrillHistory } from '../../providers/store/in-memory-drill-history.js';
import { InMemoryJournalStore } from '../../testing/in-memory-journal-store.js';
import { aPlan } from '../../testing/posture-fixtures.js';
import { palette } from '../output/palette.js';
import { runTabletop, type TabletopRunOptions } from './drill-tabletop-run.js';

/** A clock that moves one second every time it is read: each discussion lasts exactly one tick. */
class TickingClock implements Clock {
  private ms = Date.parse('2026-03-02T09:00:00Z');
  now(): Date { this.ms += 1000; return new Date(this.ms); }
  sleep(_: Duration): Promise<void> { return Promise.resolve(); }
}

const plan = aPlan();
const runbook = failoverRunbook(plan, ['production']);
const steps = tabletopSteps(plan, runbook);

function setup(over: Partial<TabletopRunOptions> = {}) {
  const hasher = new NodeCryptoHasher();
  const clock = new TickingClock();
  const store = new InMemoryJournalStore({ hasher, clock });
  const history = new InMemoryDrillHistory();
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk: Buffer) => { screen += chunk.toString(); });
  const options: TabletopRunOptions = {
    plan, planText: 'plan text', runbook, steps, participants: ['ana', 'ben'], starter: 'cli:ana',
    journal: { store, hasher, clock }, recorder: history, io: { input, output, terminal: false }, style: palette({}, {}), ...over,
  };
  return { options, input, store, history, hasher, screen: () => screen };
}

/** Owner, estimate, notes for every step; the third step has no owner, the first gets a bad estimate first. */
function answersForAll(): string {
  return steps.map((s, i) => {
    if (i === 0) return ['1', 'soon', '45s', 'pager first'];
    if (i === 2) return ['', '1m', ''];
    return ['ben', '1m', ''];
  }).flat().join('\n');
}

describe('runTabletop', () => {
  it('asks about every step, asks again for a bad estimate, and journals each step\'s answers in an intact chain', async () => {
    const { options, input, store, history, hasher, screen } = setup();
    input.end(`${answersForAll()}\n`);

    const sut = await runTabletop(options);

    const entries = await store.read(sut.runId);
    expect(sut.runId).toMatch(/^tabletop-shop-20260302t0900\d\dz-[0-9a-f]{4}$/);
    expect(verifyChain(entries, hasher)).toEqual({ ok: true });
    expect(entries.map((e) => e.kind)).toEqual(['run-started', ...steps.flatMap(() => ['step-started', 'step-succeeded']), 'run-succeeded']);
    expect(entries[0]).toMatchObject({ kind: 'run-started', plan: 'shop', actor: 'cli:ana; participants: ana, ben', planHash: hasher.sha256Hex('plan text'), runbook: { id: 'failover' } });
    const answers = tabletopAnswersOf(entries);
    expect(answers.get('confirm-outage')).toEqual({ owner: 'ana', estimate: '45s', notes: 'pager first', discussedMs: 1000, flags: [] });
    expect(answers.get(steps[2]?.id ?? '')).toMatchObject({ owner: null, flags: ['no-owner'] });
    expect(screen()).toContain('estimate: expected a duration like "4m", "90s" or "1h30m", got "soon"');
    expect(screen()).toContain('flag: no owner');
    expect(screen()).toContain(`steps without an owner: ${steps[2]?.id}`);
    expect(sut.summary).toMatchObject({ complete: true, unowned: [steps[2]?.id], succeeded: false });
    expect(await history.drills('shop')).toEqual([{ plan: 'shop', kind: 'tabletop', finishedAt: expect.any(Date), succeeded: false, runId: sut.runId }]);
  });

  it('records a fully owned tabletop within the RTO as a successful drill', async () => {
    const { options, input, history } = setup();
    input.end(`${steps.map(() => 'ana\n1m\n\n').join('')}`);

    const sut = await runTabletop(options);

    expect(sut.ended).toBeUndefined();
    expect(sut.summary.estimatedRto.toString()).toBe('9m');
    expect((await history.drills('shop'))[0]?.succeeded).toBe(true);
  });

  it('keeps every answer given when the input ends mid-step, and journals the run as aborted', async () => {
    const { options, input, store, history } = setup();
    input.end('ana\n2m\nfirst step done\nben\n');

    const sut = await runTabletop(options);

    const entries = await store.read(sut.runId);
    expect(sut.ended).toBe('input ended');
    expect(entries.map((e) => e.kind)).toEqual(['run-started', 'step-started', 'step-succeeded', 'step-started', 'step-failed', 'run-aborted']);
    expect(tabletopAnswersOf(entries).get('confirm-outage')).toMatchObject({ owner: 'ana', estimate: '2m', notes: 'first step done' });
    expect(entries[4]).toMatchObject({ step: 'declare', error: 'input ended during the discussion; answers so far: owner "ben"' });
    expect(entries[5]).toMatchObject({ actor: 'cli:ana', reason: 'tabletop input ended' });
    expect((await history.drills('shop'))[0]).toMatchObject({ succeeded: false, runId: sut.runId });
  });

  it('stops at once when interrupted (Ctrl-C), with the run aborted', async () => {
    const stop = new AbortController();
    const { options, input, store, screen } = setup({ signal: stop.signal });
    input.write('ana\n1m\n\n');
    setTimeout(() => stop.abort(), 50);

    const sut = await runTabletop(options);

    const entries = await store.read(sut.runId);
    expect(sut.ended).toBe('interrupted');
    expect(entries.at(-1)).toMatchObject({ kind: 'run-aborted', reason: 'tabletop interrupted' });
    expect(entries.filter((e) => e.kind === 'step-succeeded')).toHaveLength(1);
    expect(screen()).toContain('tabletop interrupted: answers so far are kept in the journal');
  });

  it('shows what each step touches on the clusters, and that a region could not be read', async () => {
    const views = [
      { region: 'region-a', context: 'a', reachable: false as const, reason: 'connect ECONNREFUSED https://user:pw@127.0.0.1:1/?token=secret' },
      { region: 'region-b', context: 'b', reachable: true as const, latencyMs: 3 },
    ];
    const { options, input, screen } = setup({ views });
    input.end(`${steps.map(() => 'ana\n1m\n\n').join('')}`);

    await runTabletop(options);

    expect(screen()).toContain('region-a (a): unreachable, cannot show what this step touches: connect ECONNREFUSED https://***@127.0.0.1:1/?***');
    expect(screen()).toContain('region-b (b): API answers (3ms)');
    expect(screen()).not.toContain('secret');
  });
});
