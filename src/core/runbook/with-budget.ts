import type { Duration } from '../objectives/duration.js';
import type { Clock } from '../ports/clock.js';

export type BudgetResult<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'error'; error: unknown }
  | { kind: 'timeout' };

/**
 * Runs `work` with a signal that aborts when `budget` runs out or `outer` aborts. On timeout the work
 * gets `grace` to notice its signal and settle, so a retry never overlaps a straggling attempt that
 * listens to its signal.
 */
export async function withBudget<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: { clock: Clock; budget: Duration; grace: Duration; outer: AbortSignal },
): Promise<BudgetResult<T>> {
  const controller = new AbortController();
  const stopTimer = new AbortController();
  const onOuter = (): void => controller.abort(options.outer.reason);
  options.outer.addEventListener('abort', onOuter, { once: true });
  if (options.outer.aborted) onOuter();
  const settled = Promise.resolve()
    .then(() => work(controller.signal))
    .then((value): BudgetResult<T> => ({ kind: 'ok', value }), (error: unknown): BudgetResult<T> => ({ kind: 'error', error }));
  const timer = options.clock.sleep(options.budget, stopTimer.signal).then(() => 'timeout' as const, () => 'stopped' as const);
  try {
    const first = await Promise.race([settled, timer]);
    if (first !== 'timeout' && first !== 'stopped') return first;
    controller.abort(new Error(`budget of ${options.budget.toString()} exceeded`));
    await Promise.race([settled, options.clock.sleep(options.grace, stopTimer.signal).catch(() => undefined)]);
    return { kind: 'timeout' };
  } finally {
    stopTimer.abort();
    options.outer.removeEventListener('abort', onOuter);
  }
}
