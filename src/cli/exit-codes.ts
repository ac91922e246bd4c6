import { InputError, LifeboatError, NotFoundError, ProviderError } from '../core/errors.js';

/** Exit codes that mean something, like velero's and kubectl's: scripts branch on them. */
export const ExitCode = {
  ok: 0,
  /** The command ran and found problems at error level (or failed unexpectedly). */
  findings: 1,
  /** Bad input: a plan file, flag or argument is invalid or missing. */
  badInput: 2,
  /** A cluster or outside system could not be reached. */
  unreachable: 3,
} as const;

/**
 * Maps an error to the exit code the CLI ends with.
 *
 * @example exitCodeFor(new InputError('bad flag')) // 2
 */
export function exitCodeFor(error: unknown): number {
  if (error instanceof InputError || error instanceof NotFoundError) return ExitCode.badInput;
  if (error instanceof ProviderError) return ExitCode.unreachable;
  if (error instanceof LifeboatError) return ExitCode.findings;
  return ExitCode.findings;
}
