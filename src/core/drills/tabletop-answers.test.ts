import { describe, expect, it } from 'vitest';
import { parseEstimate, parseOwner, parseParticipants } from './tabletop-answers.js';

describe('tabletop answers', () => {
  it.each([
    ['alice', [], 'alice'],
    ['  Bob Smith ', [], 'Bob Smith'],
    ['', ['alice'], null],
    ['   ', [], null],
    ['2', ['alice', 'bob'], 'bob'],
    ['1', [], '1'],
  ])('owner %j with participants %j is %j', (text, participants, owner) => {
    expect(parseOwner(text, participants)).toEqual({ ok: true, value: owner });
  });

  it('refuses a participant number that is not on the list, naming the range', () => {
    expect(parseOwner('3', ['alice', 'bob'])).toEqual({ ok: false, message: 'owner: expected a name or a number from 1 to 2, got "3"' });
  });

  it.each([
    ['4m', '4m'],
    [' 90s ', '1m30s'],
    ['1h30m', '1h30m'],
    ['PT2M', '2m'],
    ['0', '0s'],
  ])('estimate %j is %s', (text, estimate) => {
    const sut = parseEstimate(text);

    expect(sut.ok && sut.value.toString()).toBe(estimate);
  });

  it.each([
    ['soon', 'estimate: expected a duration like "4m", "90s" or "1h30m", got "soon"'],
    ['4 minutes', 'estimate: expected a duration like "4m", "90s" or "1h30m", got "4 minutes"'],
    ['-1m', 'estimate: expected a duration like "4m", "90s" or "1h30m", got "-1m"'],
    ['', 'estimate: an estimate is needed, a duration like "4m", "90s" or "1h30m"'],
  ])('estimate %j is refused: %s', (text, message) => {
    expect(parseEstimate(text)).toEqual({ ok: false, message });
  });

  it.each([
    [undefined, []],
    ['alice,bob', ['alice', 'bob']],
    [' alice , bob,, alice ', ['alice', 'bob']],
  ])('participants %j are %j', (text, names) => {
    expect(parseParticipants(text)).toEqual(names);
  });
});
