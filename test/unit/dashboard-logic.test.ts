import { describe, expect, it } from 'vitest';
import type { JournalEntry, StepView } from '../../web/src/api/types.js';
import { SseParser } from '../../web/src/api/sse-parser.js';
import { formatSeconds } from '../../web/src/format.js';
import { mergeEntries, progressOf } from '../../web/src/run/live-elapsed.js';

const T0 = Date.parse('2026-11-25T03:00:00.000Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString();
const entry = (seq: number, s: number, kind: string, extra: Partial<JournalEntry> = {}): JournalEntry => ({ seq, at: at(s), kind, ...extra });
const fence: StepView = { id: 'fence', kind: 'step', phase: 'fence', budgetSeconds: 60, elapsedSeconds: null, attempts: 0, overBudget: false };

describe('SseParser', () => {
  it('splits events across chunks, joins data lines, skips comments and reads CRLF', () => {
    const sut = new SseParser();

    const first = sut.push('id: 1\r\nevent: entry\r\ndata: {"seq":');
    const second = sut.push('1}\r\n\r\n: keep-alive\n\nevent: end\ndata: a\ndata: b\n\n');

    expect(first).toEqual([]);
    expect(second).toEqual([{ event: 'entry', data: '{"seq":1}', id: '1' }, { event: 'end', data: 'a\nb', id: undefined }]);
  });
});

describe('progressOf', () => {
  it.each([
    ['not started', [], 1000, { elapsedSeconds: null, running: false, over: false, fill: 0 }],
    ['running: time since its first start', [entry(1, 0, 'step-started', { step: 'fence' })], T0 + 30_000, { elapsedSeconds: 30, running: true, over: false, fill: 0.5 }],
    ['running past its budget: over, the bar full', [entry(1, 0, 'step-started', { step: 'fence' })], T0 + 90_000, { elapsedSeconds: 90, running: true, over: true, fill: 1 }],
    ['retried: from the first start', [entry(1, 0, 'step-started', { step: 'fence' }), entry(2, 5, 'step-failed', { step: 'fence' }), entry(3, 10, 'step-started', { step: 'fence', attempt: 2 })], T0 + 20_000, { elapsedSeconds: 20, running: true, over: false, fill: 20 / 60 }],
    ['ended: first start to last end', [entry(1, 0, 'step-started', { step: 'fence' }), entry(2, 45, 'step-succeeded', { step: 'fence' })], T0 + 999_000, { elapsedSeconds: 45, running: false, over: false, fill: 0.75 }],
    ['the run ended while it ran: no longer running', [entry(1, 0, 'step-started', { step: 'fence' }), entry(2, 3, 'run-aborted')], T0 + 50_000, { elapsedSeconds: null, running: false, over: false, fill: 0 }],
  ] as const)('%s', (_name, entries, now, expected) => {
    expect(progressOf(fence, entries, now)).toEqual(expected);
  });

  it('prefers the server\'s measurement once the step has ended', () => {
    const ended = [entry(1, 0, 'step-started', { step: 'fence' }), entry(2, 45, 'step-succeeded', { step: 'fence' })];

    expect(progressOf({ ...fence, elapsedSeconds: 61, overBudget: true }, ended, T0)).toEqual({ elapsedSeconds: 61, running: false, over: true, fill: 1 });
  });

  it('times a gate from gate-waiting until it is approved', () => {
    const gate: StepView = { ...fence, id: 'declare', kind: 'gate', phase: 'declare', budgetSeconds: 300 };

    expect(progressOf(gate, [entry(1, 0, 'gate-waiting', { gate: 'declare' })], T0 + 150_000)).toMatchObject({ running: true, fill: 0.5 });
  });
});

describe('mergeEntries', () => {
  it('keeps one entry per seq, in order, and keeps the server\'s text when the stream repeats an entry', () => {
    const fromDetail = [entry(1, 0, 'run-started', { text: '#1 … run started' }), entry(2, 1, 'step-started')];
    const fromStream = [entry(3, 2, 'step-succeeded'), entry(1, 0, 'run-started')];

    const sut = mergeEntries(fromDetail, fromStream);

    expect(sut.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(sut[0]?.text).toBe('#1 … run started');
  });
});

describe('formatSeconds', () => {
  it.each([[null, 'unknown'], [0, '0s'], [45.4, '45s'], [60, '1m'], [270, '4m 30s'], [7500, '2h 5m'], [273_600, '3d 4h']] as const)('%s -> %s', (seconds, words) => {
    expect(formatSeconds(seconds)).toBe(words);
  });
});
