import type { Readable, Writable } from 'node:stream';

/**
 * What a command may touch of the outside world: its streams, environment and working directory, plus
 * the exit status it asks for. Commands never call `process.exit`; `main.ts` turns the status into the
 * process's exit code, so commands also run in-process under test with captured streams.
 */
export interface CliContext {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** The exit status the command asks for when it finishes without throwing (1 = error findings). */
  status: { exitCode: number };
}

/** The context of the running process. */
export function processContext(): CliContext {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), status: { exitCode: 0 } };
}
