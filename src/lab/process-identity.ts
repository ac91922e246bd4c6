import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';

/**
 * Who a pid file names: the pid plus the boot and the moment the kernel started that process.
 * A pid alone is not enough: after a reboot or a restored VM snapshot, the numbers in old pid files are
 * handed to unrelated processes, and the lab would both skip starting its own service and, on `down`,
 * signal a stranger's process group.
 */
export interface ProcessIdentity {
  pid: number;
  bootId: string;
  /** Field 22 of /proc/<pid>/stat: clock ticks after boot when the process started. */
  startTicks: string;
}

/** The identity of a live process, or undefined if it is gone or a zombie. */
export function identityOf(pid: number): ProcessIdentity | undefined {
  const stat = procStat(pid);
  if (!stat || stat.state === 'Z') return undefined;
  return { pid, bootId: bootId(), startTicks: stat.startTicks };
}

export function formatIdentity(id: ProcessIdentity): string {
  return `${id.pid} ${id.bootId} ${id.startTicks}\n`;
}

/**
 * True if the pid file's text still names a live process. Files written before identities were
 * recorded hold only a pid; for those, a process that started after the file was last written cannot be
 * the one it names (its pid was reused).
 */
export function namesLiveProcess(text: string, fileMtimeMs: number): number | undefined {
  const [pidText, boot, ticks] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  const live = identityOf(pid);
  if (!live) return undefined;
  if (boot !== undefined) return boot === live.bootId && ticks === live.startTicks ? pid : undefined;
  const started = startedAtMs(live.startTicks);
  return started !== undefined && started <= fileMtimeMs + 2000 ? pid : undefined;
}

/** Records a just-started process in a pid file, with its identity. */
export function writePidFile(path: string, pid: number): void {
  writeFileSync(path, formatIdentity(identityOf(pid) ?? { pid, bootId: '-', startTicks: '-' }));
}

/** The pid a pid file names, if that very process is still alive; undefined without a file. */
export function livePidIn(path: string): number | undefined {
  if (!existsSync(path)) return undefined;
  return namesLiveProcess(readFileSync(path, 'utf8'), statSync(path).mtimeMs);
}

function procStat(pid: number): { state: string; startTicks: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: split after its last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const [state, startTicks] = [fields[0], fields[19]];
    return state && startTicks ? { state, startTicks } : undefined;
  } catch {
    return undefined;
  }
}

let thisBoot: string | undefined;

/** The kernel's id for this boot: it cannot change while this process runs, so it is read once. */
function bootId(): string {
  thisBoot ??= readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  return thisBoot;
}

/** Wall-clock start of a process: boot time plus its start ticks (USER_HZ is 100 on Linux). */
function startedAtMs(startTicks: string): number | undefined {
  const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1];
  return btime === undefined ? undefined : Number(btime) * 1000 + Number(startTicks) * 10;
}
