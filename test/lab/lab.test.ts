import { Resolver } from 'node:dns/promises';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { Lab } from '../../src/lab/lab.js';
import { PORTS, regionNet } from '../../src/lab/lab-config.js';
import { LAB_BUCKET, minioClient } from '../../src/lab/minio.js';
import { LAB_RECORD, LAB_ZONE, PDNS_API } from '../../src/lab/powerdns.js';
import { apiserverGet, httpGet } from '../../src/lab/probes.js';
import { pkiFiles } from '../../src/lab/pki.js';
import { labPaths } from '../../src/lab/lab-config.js';
import { eventually, labSecrets, regionClients, velero } from '../support/lab-client.js';

type VeleroObject = { metadata: { name: string }; status?: { phase?: string; errors?: number; warnings?: number } };

describe('the lab', () => {
  it('runs a Deployment created in region-a to Running pods on kwok nodes', async () => {
    const { core, apps } = regionClients('region-a');
    const ns = `lab-smoke-${Date.now()}`;
    await core.createNamespace({ body: { metadata: { name: ns } } });
    try {
      await apps.createNamespacedDeployment({
        namespace: ns,
        body: {
          metadata: { name: 'hello' },
          spec: {
            replicas: 2,
            selector: { matchLabels: { app: 'hello' } },
            template: { metadata: { labels: { app: 'hello' } }, spec: { containers: [{ name: 'hello', image: 'registry.lab.test/hello:1' }] } },
          },
        },
      });

      const pods = await eventually('2 Running pods', async () => {
        const list = (await core.listNamespacedPod({ namespace: ns })).items;
        return list.length === 2 && list.every((p) => p.status?.phase === 'Running') ? list : undefined;
      });

      const nodes = (await core.listNode()).items;
      for (const pod of pods) {
        const node = nodes.find((n) => n.metadata?.name === pod.spec?.nodeName);
        expect(node?.metadata?.annotations?.['kwok.x-k8s.io/node']).toBe('fake');
      }
    } finally {
      await core.deleteNamespace({ name: ns });
    }
  });

  it('backs up production in region-a to MinIO and restores it in region-b with Running pods', async () => {
    const a = regionClients('region-a');
    const b = regionClients('region-b');
    const name = `lab-test-${Date.now()}`;

    await a.custom.createNamespacedCustomObject({
      ...velero, plural: 'backups',
      body: { apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name, namespace: 'velero' }, spec: { includedNamespaces: ['production'], storageLocation: 'default', ttl: '1h0m0s' } },
    });
    const backup = await eventually('backup Completed', async () => {
      const o = (await a.custom.getNamespacedCustomObject({ ...velero, plural: 'backups', name })) as VeleroObject;
      if (o.status?.phase === 'Failed' || o.status?.phase === 'PartiallyFailed') throw new Error(`backup ended ${o.status.phase}`);
      return o.status?.phase === 'Completed' ? o : undefined;
    }, 180_000);
    expect(backup.status?.errors ?? 0).toBe(0);

    const listed = await minioClient(labSecrets()).send(new ListObjectsV2Command({ Bucket: LAB_BUCKET, Prefix: `backups/${name}/` }));
    const keys = (listed.Contents ?? []).map((c) => c.Key ?? '');
    expect(keys).toContain(`backups/${name}/${name}.tar.gz`);
    expect(keys).toContain(`backups/${name}/velero-backup.json`);

    await eventually('region-b Velero to sync the backup into its catalog', async () =>
      (await b.custom.getNamespacedCustomObject({ ...velero, plural: 'backups', name }).catch(() => undefined)) as VeleroObject | undefined, 120_000);

    const restore = `${name}-restore`;
    try {
      await b.custom.createNamespacedCustomObject({
        ...velero, plural: 'restores',
        body: { apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name: restore, namespace: 'velero' }, spec: { backupName: name, includedNamespaces: ['production'] } },
      });
      const done = await eventually('restore finished', async () => {
        const o = (await b.custom.getNamespacedCustomObject({ ...velero, plural: 'restores', name: restore })) as VeleroObject;
        return ['Completed', 'PartiallyFailed', 'Failed'].includes(o.status?.phase ?? '') ? o : undefined;
      }, 180_000);
      expect(done.status?.phase).toBe('Completed');

      const deployments = (await b.apps.listNamespacedDeployment({ namespace: 'production' })).items.map((d) => d.metadata?.name).sort();
      expect(deployments).toEqual(['api', 'web']);
      await eventually('restored pods Running in region-b', async () => {
        const pods = (await b.core.listNamespacedPod({ namespace: 'production' })).items;
        return pods.length === 5 && pods.every((p) => p.status?.phase === 'Running');
      }, 180_000);
    } finally {
      await b.core.deleteNamespace({ name: 'production' }).catch(() => undefined);
      await eventually('region-b production namespace gone', async () =>
        !(await b.core.readNamespace({ name: 'production' }).then(() => true, () => false)), 180_000);
    }
  });

  it('answers app.lab.test over real DNS and follows a record update made through the PowerDNS API', async () => {
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([`127.0.0.1:${PORTS.pdnsDns}`]);
    const key = labSecrets().pdnsApiKey;
    const setRecord = async (ip: string): Promise<number> => {
      const res = await fetch(`${PDNS_API}/api/v1/servers/localhost/zones/${LAB_ZONE}`, {
        method: 'PATCH',
        headers: { 'X-API-Key': key, 'content-type': 'application/json' },
        body: JSON.stringify({ rrsets: [{ name: LAB_RECORD, type: 'A', ttl: 30, changetype: 'REPLACE', records: [{ content: ip, disabled: false }] }] }),
      });
      return res.status;
    };
    const a = regionNet('region-a').regionIp;
    const b = regionNet('region-b').regionIp;

    try {
      expect(await setRecord(a)).toBe(204);
      expect(await resolver.resolve4('app.lab.test')).toEqual([a]);

      expect(await setRecord(b)).toBe(204);
      expect(await resolver.resolve4('app.lab.test')).toEqual([b]);
    } finally {
      await setRecord(a);
    }
  });

  it('makes region-a unreachable on `fail` and reachable again on `heal`', async () => {
    const lab = new Lab();
    const net = regionNet('region-a');
    const pki = pkiFiles(labPaths().pki);
    const api = `https://${net.regionIp}:${PORTS.apiserver}/readyz`;
    const ingress = `http://${net.regionIp}:${PORTS.ingress}/`;
    expect((await apiserverGet(api, pki)).status).toBe(200);
    expect((await httpGet(ingress)).status).toBe(200);

    await lab.fail('region-a');
    try {
      const apiDown = await apiserverGet(api, pki, 2000);
      const ingressDown = await httpGet(ingress, 2000);
      expect(apiDown.status).toBeUndefined();
      expect(apiDown.error).toMatch(/EHOSTUNREACH|ENETUNREACH|ECONNREFUSED|timed out|ETIMEDOUT/);
      expect(ingressDown.status).toBeUndefined();
      expect((await lab.status()).regions.find((r) => r.region === 'region-a')?.link).toBe('down');
    } finally {
      await lab.heal('region-a');
    }

    await eventually('region-a apiserver answering again', async () => (await apiserverGet(api, pki)).status === 200, 30_000, 500);
    expect((await httpGet(ingress)).status).toBe(200);
  });
});
