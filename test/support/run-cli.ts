import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** The repository root (where `bin/lifeboat.js` lives). */
export const REPO_ROOT = join(import.meta.dirname, '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI as a subprocess (`node bin/lifeboat.js ARGS`) from the sources (not a stale
 * build), without a terminal, and resolves with its exit code and output.
 */
export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(REPO_ROOT, 'bin', 'lifeboat.js'), ...args],
      { cwd: options.cwd ?? REPO_ROOT, env: { ...process.env, LIFEBOAT_FROM_SOURCE: '1', ...options.env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
