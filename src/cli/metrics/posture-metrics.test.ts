import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluatePosture } from '../../core/posture/evaluate-posture.js';
import { summarizePosture } from '../../core/posture/posture-summary.js';
import { aHealthySnapshot, minutesAgo } from '../../testing/posture-fixtures.js';
import type { PlanPosture } from '../../core/posture/assess-plans.js';
import { PostureMetrics } from './posture-metrics.js';
import { parseListenAddress, serveMetrics } from './serve-metrics.js';
import type { Server } from 'node:http';

function posture(mutate: (s: ReturnType<typeof aHealthySnapshot>) => void = () => undefined): PlanPosture {
  const snapshot = aHealthySnapshot();
  mutate(snapshot);
  const findings = evaluatePosture(snapshot);
  return { file: 'shop.yaml', plan: 'shop', findings, summary: summarizePosture(snapshot, findings) };
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => { if (server) server.close(() => resolve()); else resolve(); server = undefined; }));

describe('PostureMetrics', () => {
  it('exports achieved RPO, objectives, coverage, last backup and drill, predicted RTO in seconds', async () => {
    const sut = new PostureMetrics();

    sut.update([posture()], minutesAgo(0));
    const text = await sut.registry.metrics();

    expect(text).toContain('lifeboat_rpo_achieved_seconds{plan="shop",namespace="production"} 300');
    expect(text).toContain('lifeboat_objective_breached{plan="shop",objective="rpo"} 0');
    expect(text).toContain('lifeboat_uncovered_namespaces{plan="shop"} 0');
    expect(text).toContain(`lifeboat_last_backup_timestamp_seconds{plan="shop",schedule="every-5m"} ${Math.floor(minutesAgo(5).getTime() / 1000)}`);
    expect(text).toContain(`lifeboat_last_drill_timestamp_seconds{plan="shop",kind="failover"} ${Math.floor(minutesAgo(1440).getTime() / 1000)}`);
    expect(text).toMatch(/lifeboat_predicted_rto_seconds\{plan="shop"\} \d+/);
  });

  it('drops series that went away and flags a breached RPO', async () => {
    const sut = new PostureMetrics();
    sut.update([posture()], minutesAgo(0));

    sut.update([posture((s) => { const a = s.regions[0]; if (a?.reachable) a.catalog!.backups = []; })], minutesAgo(0));
    const text = await sut.registry.metrics();

    expect(text).not.toContain('lifeboat_rpo_achieved_seconds{');
    expect(text).toContain('lifeboat_objective_breached{plan="shop",objective="rpo"} 1');
  });
});

describe('serveMetrics', () => {
  it.each([
    [':9464', { host: '127.0.0.1', port: 9464 }],
    ['0.0.0.0:80', { host: '0.0.0.0', port: 80 }],
    ['[::1]:9464', { host: '::1', port: 9464 }],
    ['9464', { host: '127.0.0.1', port: 9464 }],
  ])('parses %s', (addr, expected) => {
    expect(parseListenAddress(addr)).toEqual(expected);
  });

  it('rejects an address that is not one', () => {
    expect(() => parseListenAddress('localhost')).toThrow(/--serve-metrics/);
  });

  it('serves the registry at /metrics over HTTP and 404s elsewhere', async () => {
    const metrics = new PostureMetrics();
    metrics.update([posture()], minutesAgo(0));
    server = await serveMetrics(metrics.registry, '127.0.0.1:0');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const [ok, missing] = await Promise.all([fetch(`${base}/metrics`), fetch(`${base}/`)]);

    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain');
    expect(await ok.text()).toContain('lifeboat_uncovered_namespaces{plan="shop"} 0');
    expect(missing.status).toBe(404);
  });
});
