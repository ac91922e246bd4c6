import { describe, expect, it } from 'vitest';
import { planWith } from '../../../test/support/valid-plan.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { Duration } from '../objectives/duration.js';
import { outageVerdict, watchForOutage } from './outage-watch.js';
import { looksDown, type RegionHealth } from './region-health.js';

const plan = planWith({ trigger: { unreachableFor: '1m', failingChecks: 2, quorum: 1 } });
const t0 = new Date('2026-11-25T03:00:00Z');

function look(secondsAfter: number, failing: number, total = 3, vantagePointsDown = failing > 1 ? 1 : 0): RegionHealth {
  return { region: 'region-a', at: new Date(t0.getTime() + secondsAfter * 1000), failing, total, vantagePointsDown, checks: [] };
}

describe('looksDown', () => {
  it.each([
    [look(0, 0), false],
    [look(0, 1), false],
    [look(0, 2), true],
    [look(0, 3), true],
    [look(0, 2, 3, 0), false],
  ])('%o -> %s', (h, expected) => {
    expect(looksDown(plan, h)).toBe(expected);
  });
});

describe('outageVerdict', () => {
  it.each([
    ['no looks', [], false],
    ['down 30s', [look(0, 3), look(30, 3)], false],
    ['down exactly 1m', [look(0, 3), look(60, 3)], true],
    ['down 1m with a healthy look in between', [look(0, 3), look(30, 0), look(60, 3)], false],
    ['healthy now after a long outage', [look(0, 3), look(90, 3), look(95, 0)], false],
    ['one failing check is not an outage', [look(0, 1), look(120, 1)], false],
  ])('%s -> detected %s', (_what, looks, detected) => {
    expect(outageVerdict(plan, looks).detected).toBe(detected);
  });

  it('dates the outage from the first look of the unbroken down streak', () => {
    expect(outageVerdict(plan, [look(0, 3), look(10, 0), look(20, 3), look(90, 3)]).downSince).toEqual(look(20, 3).at);
  });
});

describe('watchForOutage', () => {
  it('looks every interval and returns when the trigger fires', async () => {
    const clock = new FakeClock(t0);
    let n = 0;
    const sut = watchForOutage({ plan, clock, interval: Duration.seconds(10), look: () => Promise.resolve(look(10 * n++, n > 2 ? 3 : 0)) });

    const detection = await clock.settle(sut);

    expect(detection.downSince).toEqual(look(20, 3).at);
    expect(detection.detectedAt).toEqual(look(80, 3).at);
    expect(detection.looks).toBe(9);
  });
});
