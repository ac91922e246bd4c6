import type { ReactElement } from 'react';

export type Tone = 'ok' | 'warn' | 'breach' | 'unknown' | 'running';

const WORDS: Record<Tone, string> = { ok: 'OK', warn: 'WARNING', breach: 'BREACH', unknown: 'NOT CHECKED', running: 'RUNNING' };
const MEANS: Record<Tone, string> = {
  ok: 'Objectives held, nothing to fix',
  warn: 'Objectives held, but something needs fixing soon',
  breach: 'An objective is breached or recovery is at risk: act now',
  unknown: 'Not checked yet: the server has not evaluated this plan\'s posture',
  running: 'In progress',
};

/** A big coloured status: green OK, amber WARNING, red BREACH, grey NOT CHECKED. */
export function StatusBadge({ tone, label }: { tone: Tone; label?: string }): ReactElement {
  return <span className={`badge badge-${tone}`} title={MEANS[tone]} data-status={tone}>{label ?? WORDS[tone]}</span>;
}

/** A run's state as a tone. */
export function toneOfRunState(state: string): Tone {
  if (state === 'run-succeeded') return 'ok';
  if (state === 'run-failed') return 'breach';
  if (state === 'run-aborted') return 'warn';
  return 'running';
}

/** A run's state in plain words. */
export function wordsOfRunState(state: string): string {
  const words: Record<string, string> = { 'run-succeeded': 'SUCCEEDED', 'run-failed': 'FAILED', 'run-aborted': 'ABORTED', unfinished: 'RUNNING' };
  return words[state] ?? state.toUpperCase();
}
