import { describe, expect, it } from 'vitest';
import type { BackupObjectStore } from '../core/ports/backup-object-store.js';

/** A store holding the files of a known backup of a known namespace. */
export interface BackupObjectStoreFixture {
  sut: BackupObjectStore;
  known: { backup: string; namespace: string; kind: string };
}

/** The behaviour every BackupObjectStore shares; run against the fake (unit) and S3/MinIO (lab). */
export function backupObjectStoreContract(name: string, setup: () => Promise<BackupObjectStoreFixture>): void {
  describe(`BackupObjectStore contract: ${name}`, () => {
    it('reads the resource list as kind -> namespace/name entries', async () => {
      const { sut, known } = await setup();

      const list = await sut.resourceList(known.backup);

      expect(list?.[known.kind]?.some((item) => item.startsWith(`${known.namespace}/`))).toBe(true);
    });

    it('reads the stored Backup object', async () => {
      const { sut, known } = await setup();

      const meta = await sut.metadata(known.backup);

      expect((meta?.metadata as { name?: string } | undefined)?.name).toBe(known.backup);
    });

    it('reads the logs on demand', async () => {
      const { sut, known } = await setup();

      const logs = await sut.logs(known.backup);

      expect(typeof logs).toBe('string');
      expect(logs?.length).toBeGreaterThan(0);
    });

    it('answers undefined for a backup that is not there', async () => {
      const { sut } = await setup();

      const [list, meta] = await Promise.all([sut.resourceList('posture-no-such-backup'), sut.metadata('posture-no-such-backup')]);

      expect(list).toBeUndefined();
      expect(meta).toBeUndefined();
    });
  });
}
