import { describe, expect, it } from 'vitest';
import { Duration } from '../objectives/duration.js';
import type { Hasher } from '../ports/hasher.js';
import { sealEntries, verifyChain } from '../runbook/hash-chain.js';
import { journalEntrySchema } from '../runbook/journal-entry.js';
import { failoverRunbook } from '../runbook/failover/failover-runbook.js';
import { aPlan } from '../../testing/posture-fixtures.js';
import { participantsOf, tabletopActor, tabletopAnswered, tabletopAnswersOf, tabletopInterrupted, tabletopRunId, tabletopStarted } from './tabletop-journal.js';

/** A deterministic stand-in for sha256: the chain only needs equal text to hash equally. */
const hasher: Hasher = { sha256Hex: (text) => Buffer.from(text).toString('base64').slice(-64) };

describe('tabletop journal entries', () => {
  it('names the run after the plan and the UTC second it started', () => {
    expect(tabletopRunId('shop', new Date('2026-03-02T09:00:05.123Z'), '1a2b')).toBe('tabletop-shop-20260302t090005z-1a2b');
  });

  it.each([
    [[], 'cli:ana', []],
    [['ana', 'ben k'], 'cli:ana; participants: ana, ben k', ['ana', 'ben k']],
  ])('keeps participants %j in the actor', (participants, actor, back) => {
    expect(tabletopActor('cli:ana', participants)).toBe(actor);
    expect(participantsOf(actor)).toEqual(back);
  });

  it('journals the runbook and each step\'s answers as a valid, intact chain that reads back', () => {
    const plan = aPlan();
    const drafts = [
      tabletopStarted({ runId: 'tabletop-shop-x', plan: 'shop', planHash: 'f'.repeat(64), runbook: failoverRunbook(plan, ['production']), actor: 'cli:ana' }),
      { kind: 'step-started', step: 'confirm-outage', attempt: 1 } as const,
      tabletopAnswered('confirm-outage', { owner: 'ana', estimate: Duration.minutes(4), notes: 'pager first', discussedMs: 61_000 }, ['over-budget']),
      { kind: 'step-started', step: 'declare', attempt: 1 } as const,
      tabletopAnswered('declare', { owner: null, estimate: Duration.seconds(30), notes: '', discussedMs: 5_000 }, ['no-owner']),
      { kind: 'run-succeeded' } as const,
    ];

    const entries = sealEntries(drafts, { previous: undefined, at: new Date('2026-03-02T09:00:00Z'), hasher }).map((e) => journalEntrySchema.parse(JSON.parse(JSON.stringify(e))));

    expect(verifyChain(entries, hasher)).toEqual({ ok: true });
    expect([...tabletopAnswersOf(entries)]).toEqual([
      ['confirm-outage', { owner: 'ana', estimate: '4m', notes: 'pager first', discussedMs: 61_000, flags: ['over-budget'] }],
      ['declare', { owner: null, estimate: '30s', notes: '', discussedMs: 5_000, flags: ['no-owner'] }],
    ]);
  });

  it.each([
    [{}, 'interrupted during the discussion'],
    [{ owner: 'ana' }, 'interrupted during the discussion; answers so far: owner "ana"'],
    [{ owner: null, estimate: '4m' }, 'interrupted during the discussion; answers so far: owner (none), estimate 4m'],
  ])('keeps the answers given before an interruption (%j) in the step-failed entry', (partial, error) => {
    expect(tabletopInterrupted('fence', partial, 'interrupted')).toEqual({ kind: 'step-failed', step: 'fence', attempt: 1, error, retryable: true });
  });
});
