import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatIdentity, identityOf, namesLiveProcess } from './process-identity.js';
import { Supervisor } from './supervisor.js';

const strangers: ChildProcess[] = [];
const dirs: string[] = [];

function stranger(): number {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  strangers.push(child);
  return child.pid ?? 0;
}

function runDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-supervisor-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'pids'));
  return dir;
}

afterEach(() => {
  for (const c of strangers.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('process identity in pid files', () => {
  it('recognises the process it recorded', () => {
    const pid = stranger();
    const recorded = identityOf(pid);

    const named = namesLiveProcess(formatIdentity(recorded ?? { pid, bootId: '', startTicks: '' }), Date.now());

    expect(recorded?.pid).toBe(pid);
    expect(named).toBe(pid);
  });

  it.each([
    ['another start time (the pid was reused)', (t: string, b: string): string => `${t} ${b} 1`],
    ['another boot (a restored snapshot)', (t: string): string => `${t} 00000000-0000-0000-0000-000000000000 1`],
  ])('refuses a live pid recorded with %s', (_why, text) => {
    const pid = stranger();
    const bootId = identityOf(pid)?.bootId ?? '';

    expect(namesLiveProcess(text(String(pid), bootId), Date.now())).toBeUndefined();
  });

  it('refuses a bare pid (older files) when that process started after the file was written', () => {
    const pid = stranger();

    expect(namesLiveProcess(`${pid}\n`, Date.now() - 3_600_000)).toBeUndefined();
    expect(namesLiveProcess(`${pid}\n`, Date.now())).toBe(pid);
  });

  it('refuses a pid with no process and text that is not a pid', () => {
    expect(namesLiveProcess('4194999 x 1', Date.now())).toBeUndefined();
    expect(namesLiveProcess('not-a-pid', Date.now())).toBeUndefined();
  });
});

describe('Supervisor after a reboot left stale pid files', () => {
  it('starts its own process and never signals the stranger that now holds the old pid', async () => {
    const dir = runDir();
    const strangerPid = stranger();
    const pidFile = join(dir, 'pids', 'powerdns.pid');
    writeFileSync(pidFile, `${strangerPid}\n`);
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(pidFile, anHourAgo, anHourAgo);
    const sut = new Supervisor(dir);

    const started = sut.start({ name: 'powerdns', command: 'sleep', args: ['60'] });
    const recorded = readFileSync(pidFile, 'utf8');
    await sut.stop('powerdns');

    expect(started).not.toBe(strangerPid);
    expect(recorded.split(' ')[0]).toBe(String(started));
    expect(identityOf(started)).toBeUndefined();
    expect(identityOf(strangerPid)?.pid).toBe(strangerPid);
  });
});
