import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Duration } from '../objectives/duration.js';
import { analyzeVeleroSchedules, type VeleroScheduleObject } from './schedule-analysis.js';

const DOC = readFileSync(new URL('../../../docs/findings.md', import.meta.url), 'utf8');
/** The "Schedule findings" section: other sections document other checks' ids. */
const SECTION = DOC.split(/^## /m).find((s) => s.startsWith('Schedule findings')) ?? '';

/** Schedules that trip every finding between them, so the ids come from the code, not a copied list. */
const TRIPS: VeleroScheduleObject[] = [
  { metadata: { name: 'bad-cron' }, spec: { schedule: '61 * * * *', template: { includedNamespaces: ['c'] } } },
  { metadata: { name: 'slow' }, spec: { schedule: '@daily', template: { includedNamespaces: ['a'], includedResources: ['deployments', 'persistentvolumeclaims'], ttl: '1h', storageLocation: 'here' } } },
  { metadata: { name: 'odd-ttl' }, spec: { schedule: '@hourly', template: { includedNamespaces: ['c'], ttl: '30d', storageLocation: 'nowhere', snapshotVolumes: false } } },
];

describe('docs/findings.md', () => {
  it('documents every finding id the schedule analysis emits, and no other, in its section', () => {
    const ids = new Set(analyzeVeleroSchedules(TRIPS, {
      rpo: Duration.hours(2), retention: Duration.days(30), primaryLocation: 'eu-1',
      storageLocations: [{ name: 'here', location: 'eu-1' }], protectedNamespaces: ['a', 'b'],
    }).map((f) => f.id));
    const documented = new Set([...SECTION.matchAll(/^\| `([a-z.-]+)` \|/gm)].map((m) => m[1]));

    expect([...ids].sort()).toEqual([...documented].sort());
    expect([...ids].filter((id) => !documented.has(id))).toEqual([]);
  });
});
