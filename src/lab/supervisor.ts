import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { livePidIn, writePidFile } from './process-identity.js';

/** One long-running lab program. `netns` runs it inside that network namespace. */
export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  netns?: string;
  cwd?: string;
}

/**
 * Starts lab programs detached (own process group, output to logs/<name>.log), remembers their pids in
 * pids/<name>.pid, and stops them. State is on disk so any later `lifeboat lab` call can see and stop them.
 */
export class Supervisor {
  constructor(private readonly runDir: string) {}

  private pidFile(name: string): string {
    return join(this.runDir, 'pids', `${name}.pid`);
  }

  logFile(name: string): string {
    return join(this.runDir, 'logs', `${name}.log`);
  }

  /** The pid of the running process by that name: alive, and the very process the pid file recorded. */
  pid(name: string): number | undefined {
    return livePidIn(this.pidFile(name));
  }

  /** Starts the process unless it is already running; returns its pid. */
  start(spec: ProcessSpec): number {
    const running = this.pid(spec.name);
    if (running) return running;
    mkdirSync(join(this.runDir, 'pids'), { recursive: true });
    mkdirSync(join(this.runDir, 'logs'), { recursive: true });
    const out = openSync(this.logFile(spec.name), 'a');
    const [cmd, args] = spec.netns ? ['ip', ['netns', 'exec', spec.netns, spec.command, ...spec.args]] : [spec.command, spec.args];
    const child = spawn(cmd, args, {
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, ...spec.env },
      cwd: spec.cwd,
    });
    child.unref();
    if (!child.pid) throw new Error(`could not start ${spec.name} (${spec.command})`);
    writePidFile(this.pidFile(spec.name), child.pid);
    return child.pid;
  }

  /** Stops a process (TERM to its group, KILL after the grace period). */
  async stop(name: string, graceMs = 5000): Promise<void> {
    const pid = this.pid(name);
    if (pid) {
      signalGroup(pid, 'SIGTERM');
      const deadline = Date.now() + graceMs;
      while (this.pid(name) && Date.now() < deadline) await sleep(100);
      if (this.pid(name)) signalGroup(pid, 'SIGKILL');
      while (this.pid(name)) await sleep(50);
    }
    rmSync(this.pidFile(name), { force: true });
  }

  /** Names of every process this supervisor has a pid file for. */
  known(): string[] {
    const dir = join(this.runDir, 'pids');
    if (!existsSync(dir)) return [];
    return readdirSync(dir).filter((f) => f.endsWith('.pid')).map((f) => f.slice(0, -4));
  }

  /** The last lines of a process's log, for error messages when it fails to come up. */
  tail(name: string, lines = 15): string {
    const f = this.logFile(name);
    if (!existsSync(f)) return '';
    return readFileSync(f, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try { process.kill(pid, signal); } catch { /* already gone */ }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `check` until it returns true or the timeout passes; the error names what was awaited. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (err) {
      lastError = err;
    }
    await sleep(intervalMs);
  }
  const why = lastError instanceof Error ? `: ${lastError.message}` : '';
  throw new Error(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}${why}`);
}
