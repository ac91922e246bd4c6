import { describe, expect, it } from 'vitest';
import type { BackupCatalog } from '../core/ports/backup-catalog.js';

/** A catalog holding a known Completed backup made by a known schedule, and a known storage location. */
export interface BackupCatalogFixture {
  sut: BackupCatalog;
  known: { schedule: string; cron: string; backup: string; namespace: string; location: string };
}

/** The behaviour every BackupCatalog shares; run against the fake (unit) and Velero (lab). */
export function backupCatalogContract(name: string, setup: () => Promise<BackupCatalogFixture>): void {
  describe(`BackupCatalog contract: ${name}`, () => {
    it('lists schedules with their cron and scope', async () => {
      const { sut, known } = await setup();

      const { schedules } = await sut.snapshot();

      const s = schedules.find((x) => x.name === known.schedule);
      expect(s?.cron).toBe(known.cron);
      expect(s?.includedNamespaces).toContain(known.namespace);
      expect(s?.paused).toBe(false);
    });

    it('lists backups with phase, timestamps, namespaces and the schedule that made them', async () => {
      const { sut, known } = await setup();

      const { backups } = await sut.snapshot();

      const b = backups.find((x) => x.name === known.backup);
      expect(b).toMatchObject({ phase: 'Completed', schedule: known.schedule, storageLocation: known.location, errors: 0 });
      expect(b?.includedNamespaces).toContain(known.namespace);
      const [start, done, expires] = [b?.startTimestamp, b?.completionTimestamp, b?.expiration].map((d) => d?.getTime() ?? Number.NaN);
      expect(done).toBeGreaterThanOrEqual(start ?? Number.NaN);
      expect(expires).toBeGreaterThan(done ?? Number.NaN);
    });

    it('lists storage locations with phase, access mode and bucket', async () => {
      const { sut, known } = await setup();

      const { locations } = await sut.snapshot();

      const l = locations.find((x) => x.name === known.location);
      expect(l).toMatchObject({ phase: 'Available', accessMode: expect.stringMatching(/^Read(Write|Only)$/) as string });
      expect(l?.bucket.length).toBeGreaterThan(0);
    });

    it('returns restores as a list (possibly empty), each naming its backup', async () => {
      const { sut } = await setup();

      const { restores } = await sut.snapshot();

      expect(restores.every((r) => r.backupName.length > 0)).toBe(true);
    });
  });
}
