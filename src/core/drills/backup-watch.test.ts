import { describe, expect, it } from 'vitest';
import { FakeBackupRestorer } from '../../testing/fake-backup-restorer.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { FakeClusterOperator } from '../../testing/fake-cluster-operator.js';
import { Duration } from '../objectives/duration.js';
import { watchNewBackups } from './backup-watch.js';

function backup(name: string, minute: number, namespaces: string[]) {
  const at = new Date(Date.UTC(2026, 10, 25, 3, minute));
  return { name, phase: 'Completed' as const, startedAt: at, completedAt: at, storageLocation: 'default', namespaces, deployments: [] };
}

describe('watchNewBackups', () => {
  it('drills each namespace once per new backup, not for what was there at the start', async () => {
    const clock = new FakeClock(new Date('2026-11-25T03:00:00Z'));
    const restorer = new FakeBackupRestorer(new FakeClusterOperator());
    restorer.backups.push(backup('b1', 0, ['production', 'monitoring']));
    const drilled: string[] = [];
    const stop = new AbortController();
    const sut = watchNewBackups({
      restorer, namespaces: ['production', 'monitoring'], clock, interval: Duration.seconds(30), signal: stop.signal,
      onNewBackup: (ns, b) => { drilled.push(`${ns}@${b}`); if (drilled.length === 3) stop.abort(); return Promise.resolve(); },
    });

    await clock.settle(new Promise<void>((r) => { setTimeout(r, 0); }));
    restorer.backups.push(backup('b2', 5, ['production']));
    clock.advance(Duration.seconds(30));
    await clock.settle(new Promise<void>((r) => { setTimeout(r, 0); }));
    restorer.backups.push(backup('b3', 10, ['production', 'monitoring']));
    clock.advance(Duration.seconds(30));
    await clock.settle(sut);

    expect(drilled).toEqual(['production@b2', 'production@b3', 'monitoring@b3']);
  });
});
