import { z } from 'zod';

const names = z.array(z.string()).nullish();

/**
 * The fields of a velero.io/v1 Schedule that decide what a backup holds and for how long, as read from
 * a cluster (adopt mode, posture). Loose on purpose: real objects carry many more fields, and Velero
 * leaves optional ones null. Validate what comes from the API server with it before analysing.
 */
export const veleroScheduleSchema = z.object({
  metadata: z.object({ name: z.string(), namespace: z.string().optional() }),
  spec: z.object({
    schedule: z.string(),
    template: z.object({
      includedNamespaces: names,
      excludedNamespaces: names,
      includedResources: names,
      excludedResources: names,
      storageLocation: z.string().nullish(),
      volumeSnapshotLocations: names,
      /** Go duration such as `720h0m0s`; Velero's default (30 days) when absent. */
      ttl: z.string().nullish(),
      /** Velero's default is to snapshot volumes when unset. */
      snapshotVolumes: z.boolean().nullish(),
      defaultVolumesToFsBackup: z.boolean().nullish(),
      labelSelector: z.object({ matchLabels: z.record(z.string(), z.string()).optional() }).loose().nullish(),
    }),
  }),
});

export type VeleroScheduleObject = z.input<typeof veleroScheduleSchema>;
