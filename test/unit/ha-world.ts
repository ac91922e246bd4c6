import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { Duration } from '../../src/core/objectives/duration.js';
import type { BackupRestorer } from '../../src/core/ports/backup-restorer.js';
import type { ClusterOperator } from '../../src/core/ports/cluster-operator.js';
import type { TrafficManager } from '../../src/core/ports/traffic-manager.js';
import type { DRPlan } from '../../src/core/plan/schema.js';
import type { FailoverPorts } from '../../src/core/runbook/failover/failover-executor.js';
import { SystemClock } from '../../src/providers/clock/system-clock.js';
import { FakeBackupRestorer } from '../../src/testing/fake-backup-restorer.js';
import { FakeClusterOperator, type FakeDeployment } from '../../src/testing/fake-cluster-operator.js';
import { FakeHttpProber } from '../../src/testing/fake-http-prober.js';
import { FakeTrafficManager } from '../../src/testing/fake-traffic-manager.js';

type Restore = FakeBackupRestorer['restores'] extends Map<string, infer R> ? R : never;
type Backup = Omit<FakeBackupRestorer['backups'][number], 'startedAt' | 'completedAt'> & { startedAt: string; completedAt: string };

/** The standby region's Velero and cluster and the DNS record, as JSON in one file every replica shares. */
export interface WorldState {
  backups: Backup[];
  restores: Array<[string, Restore]>;
  /** Restore names with the pid of each process that created it (exactly one each, or a Restore was made twice). */
  createdBy: Record<string, number[]>;
  polls: number;
  standby: { deployments: FakeDeployment[]; namespaces: string[] };
  traffic: { targets: string[]; ttl: string };
  trafficWrites: number;
}

interface Fakes { restorer: FakeBackupRestorer; standby: FakeClusterOperator; traffic: FakeTrafficManager }

/**
 * The in-memory fakes (FakeBackupRestorer, FakeClusterOperator, FakeTrafficManager) made durable and
 * shared across processes: every call loads the state under a file lock, runs the fake's own method,
 * and writes the state back (atomically, by rename). A SIGKILLed replica leaves what it did behind,
 * as a real Velero would, and the next leader sees it.
 */
export class FileWorld {
  constructor(readonly path: string) {}

  static create(path: string, state: WorldState): FileWorld {
    writeFileSync(path, JSON.stringify(state));
    return new FileWorld(path);
  }

  read(): WorldState {
    return JSON.parse(readFileSync(this.path, 'utf8')) as WorldState;
  }

  /** Runs `act` on the fakes loaded from the file, with the file locked, and saves them. */
  transact<T>(act: (fakes: Fakes) => T): T {
    const unlock = lock(`${this.path}.lock`);
    try {
      const state = this.read();
      const fakes = hydrate(state);
      const before = fakes.restorer.created;
      const names = new Set(fakes.restorer.restores.keys());
      const result = act(fakes);
      const created = [...fakes.restorer.restores.keys()].filter((n) => !names.has(n));
      if (fakes.restorer.created > before) for (const n of created) (state.createdBy[n] ??= []).push(process.pid);
      const next = { ...dehydrate(fakes, state), createdBy: state.createdBy };
      writeFileSync(`${this.path}.tmp`, JSON.stringify(next));
      renameSync(`${this.path}.tmp`, this.path);
      return result;
    } finally {
      unlock();
    }
  }

  /** The failover's ports: region-a unreachable (its apiserver and ingress down), region-b and DNS in the file. */
  ports(plan: DRPlan): FailoverPorts {
    const [primary, standby] = plan.spec.regions;
    const down = new FakeClusterOperator();
    down.reachable = false;
    const prober = new FakeHttpProber();
    prober.answer(`http://${standby?.ingress.address}`, true);
    return {
      clusters: { [primary?.name ?? 'a']: down, [standby?.name ?? 'b']: this.forward<ClusterOperator>((f) => f.standby) },
      restorers: { [standby?.name ?? 'b']: this.forward<BackupRestorer>((f) => f.restorer) },
      traffic: this.forward<TrafficManager>((f) => f.traffic),
      probers: [prober],
      clock: SystemClock.fromConfig(),
    };
  }

  /** A port whose every method runs on the fake `pick` returns, inside a transaction. */
  private forward<T extends object>(pick: (fakes: Fakes) => T): T {
    return new Proxy({} as T, {
      get: (_target, key) => {
        if (key === 'then') return undefined;
        return (...args: unknown[]) => Promise.resolve().then(() => this.transact((fakes) => {
          const target = pick(fakes) as Record<string | symbol, (...a: unknown[]) => unknown>;
          return target[key]?.(...args);
        }));
      },
    });
  }
}

function hydrate(s: WorldState): Fakes {
  const standby = new FakeClusterOperator();
  standby.deployments.push(...s.standby.deployments);
  for (const n of s.standby.namespaces) standby.namespaces.add(n);
  const restorer = new FakeBackupRestorer(standby);
  restorer.polls = s.polls;
  restorer.created = Object.keys(s.createdBy).length;
  restorer.backups.push(...s.backups.map((b) => ({ ...b, startedAt: new Date(b.startedAt), completedAt: new Date(b.completedAt) })));
  for (const [name, r] of s.restores) restorer.restores.set(name, r);
  const traffic = new FakeTrafficManager({ targets: s.traffic.targets, ttl: Duration.parse(s.traffic.ttl) });
  traffic.writes = s.trafficWrites;
  return { restorer, standby, traffic };
}

function dehydrate(f: Fakes, s: WorldState): WorldState {
  return {
    ...s,
    restores: [...f.restorer.restores.entries()],
    standby: { deployments: f.standby.deployments, namespaces: [...f.standby.namespaces] },
    traffic: { targets: f.traffic.state?.targets ?? [], ttl: (f.traffic.state?.ttl ?? Duration.seconds(30)).toString() },
    trafficWrites: f.traffic.writes,
  };
}

/** An exclusive lock file holding the owner's pid; a dead owner's lock (SIGKILL) is taken over. */
function lock(path: string): () => void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (ownerIsDead(path)) try { unlinkSync(path); } catch { /* another process took it over first */ }
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}

function ownerIsDead(path: string): boolean {
  try {
    const pid = Number(readFileSync(path, 'utf8'));
    if (!pid) return false;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
