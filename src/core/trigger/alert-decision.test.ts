import { describe, expect, it } from 'vitest';
import { planWith } from '../../../test/support/valid-plan.js';
import { alertDecision, type TriggerAlert } from './alert-decision.js';

const now = new Date('2026-11-25T03:00:00Z');
const minutesAgo = (m: number): Date => new Date(now.getTime() - m * 60_000);
const alert = (fingerprint: string, vantagePoint: string | undefined, startedMinutesAgo: number, region = 'region-a'): TriggerAlert => ({ fingerprint, region, vantagePoint, startsAt: minutesAgo(startedMinutesAgo) });

const twoSources = { unreachableFor: '5m', failingChecks: 2, quorum: 2, vantagePoints: [{ name: 'orchestrator', type: 'http' as const }, { name: 'am-eu', type: 'alertmanager' as const }, { name: 'am-us', type: 'alertmanager' as const }] };
const proposing = planWith({ trigger: { ...twoSources, autoFailover: false, approvers: 2 } });
const automatic = planWith({ trigger: { ...twoSources, autoFailover: true } });
const oneSource = planWith({ trigger: { unreachableFor: '5m', failingChecks: 2, quorum: 1, vantagePoints: [{ name: 'am-eu', type: 'alertmanager' }] } });
const mixed = planWith({ trigger: { unreachableFor: '5m', failingChecks: 2, quorum: 2, vantagePoints: [{ name: 'orchestrator', type: 'http' }, { name: 'am-eu', type: 'alertmanager' }] } });
const httpOnly = planWith({ trigger: { unreachableFor: '5m', failingChecks: 1 } });

describe('alertDecision', () => {
  it.each([
    ['nothing firing', proposing, [], 'none'],
    ['alerts about the standby only', proposing, [alert('a', 'am-eu', 10, 'region-b'), alert('b', 'am-us', 10, 'region-b')], 'page'],
    ['a plan without alertmanager vantage points', httpOnly, [alert('a', 'am-eu', 10)], 'page'],
    ['one failing check of two', proposing, [alert('a', 'am-eu', 10)], 'page'],
    ['two checks from one vantage point of the two the quorum needs', proposing, [alert('a', 'am-eu', 10), alert('b', 'am-eu', 10)], 'page'],
    ['two checks from both vantage points, for too short a time', proposing, [alert('a', 'am-eu', 2), alert('b', 'am-us', 2)], 'page'],
    ['two checks from both vantage points for 6m: propose (approvers decide)', proposing, [alert('a', 'am-eu', 6), alert('b', 'am-us', 6)], 'propose'],
    ['the same with autoFailover: start on its own', automatic, [alert('a', 'am-eu', 6), alert('b', 'am-us', 6)], 'auto'],
    ['a vantage point the plan does not name does not count', proposing, [alert('a', 'am-eu', 6), alert('b', 'am-asia', 6)], 'page'],
    ['alerts without a vantage_point label count for the only alertmanager source', oneSource, [alert('a', undefined, 6), alert('b', undefined, 6)], 'propose'],
    ['a quorum counting http vantage points too is capped at the alertmanager ones alerts can come from', mixed, [alert('a', 'am-eu', 6), alert('b', 'am-eu', 6)], 'propose'],
    ['exactly unreachableFor is enough', proposing, [alert('a', 'am-eu', 5), alert('b', 'am-us', 5)], 'propose'],
  ])('%s -> %s', (_what, plan, alerts, action) => {
    const sut = alertDecision(plan, alerts, now);

    expect(sut.action).toBe(action);
    expect(sut.reason.length).toBeGreaterThan(10);
  });

  it('dates the outage from when enough alerts fired together, not from the first alert', () => {
    const sut = alertDecision(proposing, [alert('a', 'am-eu', 30), alert('b', 'am-eu', 20), alert('c', 'am-us', 8)], now);

    expect(sut).toMatchObject({ action: 'propose', region: 'region-a', failing: 3, vantagePoints: ['am-eu', 'am-us'], downSince: minutesAgo(8) });
  });

  it('says what is missing when it only pages', () => {
    const sut = alertDecision(proposing, [alert('a', 'am-eu', 10)], now);

    expect(sut.reason).toBe('1 of 2 failing checks from 1 of 2 vantage points (am-eu, am-us)');
  });
});
