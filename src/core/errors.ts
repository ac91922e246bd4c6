/**
 * Lifeboat's error family. Errors become output in exactly two places: the CLI's top-level handler
 * and the server's error handler. Messages never carry secrets: pass values through `redact` first.
 */
export class LifeboatError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One problem in user input, with where it is. */
export interface InputIssue {
  /** Dotted path of the field, e.g. `spec.objectives.rpo`. */
  path: string;
  message: string;
  /** `file:line:column` when the input came from a file. */
  location?: string;
}

/** Thrown when user input (a plan file, a flag, an HTTP body) is invalid. Carries every issue found. */
export class InputError extends LifeboatError {
  readonly issues: readonly InputIssue[];
  constructor(issues: readonly InputIssue[] | string, options?: { cause?: unknown }) {
    const list = typeof issues === 'string' ? [{ path: '', message: issues }] : issues;
    super(list.map(formatIssue).join('\n'), options);
    this.issues = list;
  }
}

/** Formats one issue as `path: message (file:line:col)`. */
export function formatIssue(issue: InputIssue): string {
  const head = issue.path ? `${issue.path}: ${issue.message}` : issue.message;
  return issue.location ? `${head} (${issue.location})` : head;
}

/** Thrown when a named thing (plan, run, backup, cluster context) does not exist. */
export class NotFoundError extends LifeboatError {}

/** Thrown when an action conflicts with current state (a run already holds the plan's lease). */
export class ConflictError extends LifeboatError {}

/** Thrown when an outside system (Kubernetes, Velero, S3, DNS) fails or refuses a call. */
export class ProviderError extends LifeboatError {
  readonly provider: string;
  readonly operation: string;
  readonly retryable: boolean;
  readonly status: number | undefined;
  constructor(
    message: string,
    details: { provider: string; operation: string; retryable: boolean; status?: number; cause?: unknown },
  ) {
    super(message, { cause: details.cause });
    this.provider = details.provider;
    this.operation = details.operation;
    this.retryable = details.retryable;
    this.status = details.status;
  }
}

/** Thrown by the runbook engine when a step fails for good (retries exhausted or not retryable). */
export class StepFailure extends LifeboatError {
  readonly step: string;
  constructor(step: string, message: string, options?: { cause?: unknown }) {
    super(`step ${step}: ${message}`, options);
    this.step = step;
  }
}

/** Thrown when an operation runs past its time budget or deadline. */
export class TimeoutError extends LifeboatError {}
