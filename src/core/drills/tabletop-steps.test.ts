import { describe, expect, it } from 'vitest';
import { failoverRunbook } from '../runbook/failover/failover-runbook.js';
import { aPlan } from '../../testing/posture-fixtures.js';
import { tabletopSteps } from './tabletop-steps.js';

describe('tabletopSteps', () => {
  const plan = aPlan({
    regions: [
      { name: 'region-a', role: 'primary', context: 'a', healthEndpoints: ['https://a.example.com/healthz'], ingress: { address: '10.0.0.1' } },
      { name: 'region-b', role: 'standby', context: 'b', ingress: { address: '10.0.0.2', port: 8080 } },
    ],
    protection: { namespaces: { names: ['production', 'monitoring'] }, volumes: 'none' },
    backup: { mode: 'managed', storageLocations: [{ name: 'default', bucket: 'velero', location: 'elsewhere' }], schedules: [{ name: 'every-5m', cron: '*/5 * * * *', storageLocation: 'default', ttl: '24h' }] },
  });
  const sut = tabletopSteps(plan, failoverRunbook(plan, ['production', 'monitoring']));

  it('lists every step and gate of the failover runbook in order, parallel restores marked', () => {
    expect(sut.map((s) => `${s.kind}:${s.id}`)).toEqual([
      'step:confirm-outage', 'gate:declare', 'step:fence', 'step:restore-production', 'step:restore-monitoring', 'step:scale-workloads',
      'step:verify-workloads', 'step:switch-traffic', 'step:verify-traffic', 'step:watch', 'step:notify',
    ]);
    expect(sut.find((s) => s.id === 'restore-production')?.parallelWith).toEqual(['restore-monitoring']);
    expect(sut.find((s) => s.id === 'fence')?.parallelWith).toEqual([]);
    expect(sut.find((s) => s.id === 'restore-production')?.budget.toString()).toBe('3m');
  });

  it.each([
    ['confirm-outage', 'curl -fsS --max-time 5 https://a.example.com/healthz'],
    ['declare', '# the incident commander declares the failover: lifeboat failover shop waits at this gate'],
    ['fence', 'kubectl --context a -n production scale deployment --all --replicas=0'],
    ['restore-monitoring', 'velero --kubecontext b -n velero restore create --from-schedule every-5m --include-namespaces production,monitoring --wait'],
    ['scale-workloads', 'kubectl --context b scale deployment/web -n production --replicas=3'],
    ['verify-workloads', 'kubectl --context b get pods -n monitoring'],
    ['switch-traffic', 'curl -fsS -X PATCH -H "X-API-Key: $PDNS"'],
    ['verify-traffic', "curl -fsS -H 'Host: app.lab.test' http://10.0.0.2:8080/"],
    ['watch', "# watch region-b's error rate"],
    ['notify', '# no notification channel configured'],
  ])('%s shows what it would do: %s', (id, command) => {
    const commands = sut.find((s) => s.id === id)?.commands ?? [];

    expect(commands.some((c) => c.startsWith(command))).toBe(true);
  });
});
