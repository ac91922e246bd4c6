import { Resolver } from 'node:dns/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { PORTS, regionNet } from '../../src/lab/lab-config.js';
import { LabFaults, type FaultTarget } from '../../src/lab/lab-faults.js';
import { minioReady } from '../../src/lab/minio.js';
import { PDNS_API, LAB_ZONE } from '../../src/lab/powerdns.js';
import { httpGet } from '../../src/lab/probes.js';
import { eventually, labSecrets, regionClients } from '../support/lab-client.js';

/** Each chaos fault the lab injects, seen from outside as a user would see it, and cleared again. */
const sut = new LabFaults();

async function patchRecord(): Promise<number> {
  const res = await fetch(`${PDNS_API}/api/v1/servers/localhost/zones/${LAB_ZONE}`, {
    method: 'PATCH', headers: { 'X-API-Key': labSecrets().pdnsApiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ rrsets: [{ name: `chaos.${LAB_ZONE}`, type: 'A', ttl: 30, changetype: 'REPLACE', records: [{ content: '192.0.2.7', disabled: false }] }] }),
  });
  return res.status;
}

const apiserverUp = (region: 'region-a' | 'region-b'): Promise<boolean> => regionClients(region).core.listNamespace().then(() => true, () => false);

describe('lab chaos faults: inject, observe, clear', { timeout: 300_000 }, () => {
  const injected: FaultTarget[] = [];
  const inject = async (t: FaultTarget): Promise<void> => { injected.push(t); await sut.inject(t); };

  afterAll(async () => {
    for (const t of injected) await sut.clear(t).catch(() => undefined);
  });

  it('apiserver-down stops the region\'s kube-apiserver; clear brings it back ready', async () => {
    await inject({ fault: 'apiserver-down', region: 'region-b' });
    expect(await apiserverUp('region-b')).toBe(false);

    await sut.clear({ fault: 'apiserver-down', region: 'region-b' });
    expect(await apiserverUp('region-b')).toBe(true);
  });

  it('minio-down stops the object store; clear restarts it', async () => {
    await inject({ fault: 'minio-down' });
    expect(await minioReady()).toBe(false);

    await sut.clear({ fault: 'minio-down' });
    expect(await minioReady()).toBe(true);
  });

  it('dns-api-down makes the PowerDNS API answer 500 while DNS keeps answering', async () => {
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([`127.0.0.1:${PORTS.pdnsDns}`]);
    await inject({ fault: 'dns-api-down' });

    expect(await patchRecord()).toBe(500);
    expect((await resolver.resolve4('app.lab.test')).length).toBe(1);

    await sut.clear({ fault: 'dns-api-down' });
    expect(await patchRecord()).toBe(204);
  });

  it('node-pool-gone deletes the region\'s nodes; clear recreates them', async () => {
    await inject({ fault: 'node-pool-gone', region: 'region-b' });
    expect((await regionClients('region-b').core.listNode()).items).toEqual([]);

    await sut.clear({ fault: 'node-pool-gone', region: 'region-b' });
    expect((await regionClients('region-b').core.listNode()).items.length).toBeGreaterThan(0);
  });

  it('namespace-deleted deletes a protected namespace in region-a; clear seeds the platform back with pods Running', async () => {
    await inject({ fault: 'namespace-deleted', region: 'region-a', namespace: 'monitoring' });
    await eventually('monitoring gone', () => regionClients('region-a').core.readNamespace({ name: 'monitoring' }).then(() => false, (e: { code?: number }) => e.code === 404), 120_000);

    await sut.clear({ fault: 'namespace-deleted', region: 'region-a', namespace: 'monitoring' });
    const pods = (await regionClients('region-a').core.listNamespacedPod({ namespace: 'monitoring' })).items;
    expect(pods.length).toBeGreaterThan(0);
    expect(pods.every((p) => p.status?.phase === 'Running')).toBe(true);
  });

  it('region-unreachable cuts the region\'s link (apiserver and ingress); clear restores it', async () => {
    await inject({ fault: 'region-unreachable', region: 'region-b' });
    expect(await apiserverUp('region-b')).toBe(false);
    expect((await httpGet(`http://${regionNet('region-b').regionIp}:${PORTS.ingress}/`, 1000)).status).toBeUndefined();

    await sut.clear({ fault: 'region-unreachable', region: 'region-b' });
    expect(await apiserverUp('region-b')).toBe(true);
  });
});
