import { drPlanSchema, type DRPlan, type DRPlanInput } from '../../src/core/plan/schema.js';

type SpecInput = DRPlanInput['spec'];

/**
 * A small valid active-passive plan (two regions, one hourly schedule, deployment capacity, PowerDNS)
 * for unit tests of renderers; `spec` overrides replace whole top-level spec fields.
 */
export function samplePlan(spec: Partial<SpecInput> = {}): DRPlan {
  const base: SpecInput = {
    pattern: 'active-passive',
    regions: [
      { name: 'region-a', role: 'primary', context: 'ctx-a', location: 'eu-west-1', healthEndpoints: ['https://a.example.com/healthz'], ingress: { address: '192.0.2.10', port: 8443 } },
      { name: 'region-b', role: 'standby', context: 'ctx-b', location: 'eu-central-1', veleroNamespace: 'velero-dr', ingress: { address: '192.0.2.20', port: 8443 } },
    ],
    objectives: { rto: '30m', rpo: '1h' },
    protection: { namespaces: { names: ['production', 'monitoring'], globs: ['team-*'], exclude: ['team-sandbox'] } },
    backup: {
      storageLocations: [{ name: 'offsite', bucket: 'dr', location: 'eu-central-1' }],
      schedules: [{ name: 'hourly', cron: '0 * * * *', storageLocation: 'offsite' }],
    },
    traffic: { provider: 'powerdns', endpoint: 'http://127.0.0.1:8081', credentials: 'env:PDNS_KEY', zone: 'example.com.', record: 'app.example.com.', ttl: '30s' },
    capacity: { type: 'deployment-replicas', deployments: [{ namespace: 'production', name: 'web', standby: 0, active: 3 }] },
  };
  return drPlanSchema.parse({ apiVersion: 'lifeboat.dev/v1alpha1', kind: 'DRPlan', metadata: { name: 'shop' }, spec: { ...base, ...spec } });
}
