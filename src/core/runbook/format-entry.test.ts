import { describe, expect, it } from 'vitest';
import { rb } from '../../testing/runbook-builders.js';
import { formatEntry } from './format-entry.js';
import { sealEntry } from './hash-chain.js';
import type { EntryDraft } from './journal-entry.js';
import { toRunbookJson } from './runbook-json.js';

const hasher = { sha256Hex: (): string => 'ab'.repeat(32) };
const at = new Date('2026-03-01T10:00:00.000Z');

describe('formatEntry', () => {
  it.each<[EntryDraft, string]>([
    [{ kind: 'run-started', runId: 'r1', plan: 'shop', planHash: 'c0ffee'.repeat(10), runbook: toRunbookJson(rb.step('a')), actor: 'alice' }, 'run r1 of plan shop started by alice (plan c0ffeec0ffee)'],
    [{ kind: 'run-resumed', actor: 'bob' }, 'run resumed by bob'],
    [{ kind: 'step-started', step: 'fence', attempt: 2 }, 'step fence started (attempt 2)'],
    [{ kind: 'step-succeeded', step: 'fence', attempt: 1, output: null }, 'step fence succeeded (attempt 1)'],
    [{ kind: 'step-failed', step: 'dns', attempt: 1, error: 'HTTP 500', retryable: true }, 'step dns failed (attempt 1, retryable): HTTP 500'],
    [{ kind: 'step-failed', step: 'dns', attempt: 3, error: 'HTTP 403', retryable: false }, 'step dns failed (attempt 3, permanent): HTTP 403'],
    [{ kind: 'step-timed-out', step: 'restore', attempt: 1, budgetMs: 900_000 }, 'step restore ran past its budget of 900s (attempt 1)'],
    [{ kind: 'step-retry-scheduled', step: 'dns', attempt: 1, delayMs: 1500, until: '2026-03-01T10:00:01.500Z' }, 'step dns will retry in 1.5s (at 2026-03-01T10:00:01.500Z)'],
    [{ kind: 'gate-waiting', gate: 'declare', approvals: 2 }, 'gate declare waiting for 2 approvals'],
    [{ kind: 'gate-waiting', gate: 'declare', approvals: 1 }, 'gate declare waiting for 1 approval'],
    [{ kind: 'gate-approved', gate: 'declare', approver: 'ic' }, 'gate declare approved by ic'],
    [{ kind: 'gate-approved', gate: 'declare', approver: 'cto', reason: 'region-a confirmed down' }, 'gate declare approved by cto: region-a confirmed down'],
    [{ kind: 'gate-rejected', gate: 'declare', approver: 'cto', reason: 'false alarm' }, 'gate declare rejected by cto: false alarm'],
    [{ kind: 'compensation-started', step: 'scale', action: 'scale-down' }, 'undoing step scale (scale-down)'],
    [{ kind: 'compensation-succeeded', step: 'scale', action: 'scale-down' }, 'undid step scale (scale-down)'],
    [{ kind: 'compensation-failed', step: 'scale', action: 'scale-down', error: 'forbidden' }, 'could not undo step scale (scale-down): forbidden'],
    [{ kind: 'abort-requested', actor: 'bob', reason: 'false alarm' }, 'abort requested by bob: false alarm'],
    [{ kind: 'notification-started', event: 'approval-needed', gate: 'declare', channels: ['oncall', 'pager'] }, 'sending approval-needed (gate declare) to oncall, pager'],
    [{ kind: 'notification-started', event: 'failover-started', channels: ['pager'] }, 'sending failover-started to pager'],
    [{ kind: 'notification-ended', event: 'failover-started', delivered: ['pager'], failed: [] }, 'failover-started delivered to pager'],
    [{ kind: 'notification-ended', event: 'failover-failed', delivered: [], failed: [{ channel: 'oncall', error: 'no answer within 10s' }] }, 'failover-failed delivered to no channel; failed: oncall (no answer within 10s)'],
    [{ kind: 'run-succeeded' }, 'run succeeded'],
    [{ kind: 'run-failed', step: 'dns', nextAction: 'check the DNS API key' }, 'run failed at dns; next: check the DNS API key'],
    [{ kind: 'run-aborted', actor: 'bob', reason: 'drill over' }, 'run aborted by bob: drill over'],
  ])('$kind', (draft, expected) => {
    const entry = sealEntry(draft, { previous: undefined, at, hasher });

    const line = formatEntry(entry);

    expect(line).toBe(`#1 2026-03-01T10:00:00.000Z ${expected}`);
  });
});
