import { drPlanSchema, type DRPlan, type DRPlanInput } from '../../src/core/plan/schema.js';

type SpecInput = DRPlanInput['spec'];

/**
 * A valid active-passive plan as a plain object (what a YAML file parses to), touching most of the
 * schema: two regions, schedules, storage and snapshot locations, notifications, trigger, budgets.
 * Tests of the plan core start from it and change one thing.
 */
export function validPlanInput(): { apiVersion: string; kind: string; metadata: { name: string }; spec: SpecInput } {
  return {
    apiVersion: 'lifeboat.dev/v1alpha1',
    kind: 'DRPlan',
    metadata: { name: 'shop' },
    spec: {
      pattern: 'active-passive',
      regions: [
        { name: 'region-a', role: 'primary', context: 'ctx-a', location: 'eu-west-1', healthEndpoints: ['https://a.example.com/healthz'], ingress: { address: '192.0.2.10' } },
        { name: 'region-b', role: 'standby', context: 'ctx-b', location: 'eu-central-1', ingress: { address: '192.0.2.20' } },
      ],
      objectives: { rto: '30m', rpo: '2h' },
      protection: { namespaces: { names: ['production', 'monitoring'] }, volumes: 'snapshot', retention: '720h' },
      backup: {
        mode: 'managed',
        storageLocations: [{ name: 'offsite', bucket: 'dr', location: 'eu-central-1' }],
        volumeSnapshotLocations: [{ name: 'ebs-offsite', location: 'eu-central-1' }],
        schedules: [{ name: 'hourly', cron: '0 * * * *', storageLocation: 'offsite', volumeSnapshotLocations: ['ebs-offsite'], ttl: '720h', expectedDuration: '5m' }],
      },
      traffic: { provider: 'powerdns', endpoint: 'http://127.0.0.1:8081', credentials: 'env:PDNS_KEY', zone: 'example.com.', record: 'app.example.com.' },
      capacity: { type: 'deployment-replicas', deployments: [{ namespace: 'production', name: 'web', standby: 0, active: 3 }] },
      notifications: [{ name: 'oncall', type: 'slack', secret: 'env:SLACK_WEBHOOK_URL' }],
      trigger: { unreachableFor: '5m', failingChecks: 2, autoFailover: false },
    },
  };
}

/** The valid plan with some spec fields replaced, parsed by the schema. */
export function planWith(spec: Partial<SpecInput> = {}): DRPlan {
  const input = validPlanInput();
  return drPlanSchema.parse({ ...input, spec: { ...input.spec, ...spec } });
}
