import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import { parsePlan } from '../../src/core/plan/parse-plan.js';
import { parseServerConfig } from '../../src/server/config/server-config.js';
import { parseListen } from '../../src/server/listen.js';
import { REPO_ROOT } from '../support/run-cli.js';
import { startTestServer, type TestServer } from './server-harness.js';

const base = join(REPO_ROOT, 'deploy', 'base');
const read = (file: string): string => readFileSync(join(base, file), 'utf8');

interface Container {
  args: string[];
  ports: Array<{ name: string; containerPort: number }>;
  readinessProbe: { httpGet: { path: string; port: string } };
  livenessProbe: { httpGet: { path: string; port: string } };
  volumeMounts: Array<{ name: string; mountPath: string; subPath?: string }>;
  securityContext: { readOnlyRootFilesystem: boolean; allowPrivilegeEscalation: boolean };
}

describe('deploy/base (kustomize)', () => {
  const kustomization = parse(read('kustomization.yaml')) as { resources: string[]; configMapGenerator: Array<{ name: string; files: string[] }> };
  const config = parseServerConfig(read('serve.yaml'), 'deploy/base/serve.yaml');
  const deployment = parseAllDocuments(read('deployment.yaml')).map((d) => d.toJS() as { kind: string; spec: { template: { spec: { containers: Container[]; volumes: Array<{ name: string }> } } } }).find((d) => d.kind === 'Deployment');
  const container = deployment?.spec.template.spec.containers[0] as Container;

  it('lists files that exist, and its config and plan parse as lifeboat serve reads them', () => {
    for (const file of [...kustomization.resources, ...kustomization.configMapGenerator.flatMap((g) => g.files)]) expect(existsSync(join(base, file)), file).toBe(true);
    expect(parsePlan(read('plans/example.yaml'), 'plans/example.yaml').metadata.name).toBe('platform');
    expect(config.spec.scheduler.enabled).toBe(true);
  });

  it('runs serve with the mounted config, exposes the ports it listens on and probes /healthz', () => {
    const mount = (path: string): boolean => container.volumeMounts.some((m) => path === m.mountPath || path.startsWith(`${m.mountPath}/`));

    expect(container.args).toEqual(['serve', '--config', '/etc/lifeboat/serve.yaml']);
    expect(container.volumeMounts).toContainEqual(expect.objectContaining({ mountPath: '/etc/lifeboat/serve.yaml', subPath: 'serve.yaml' }));
    expect(container.ports).toEqual([
      { name: 'http', containerPort: parseListen(config.spec.listen).port },
      { name: 'metrics', containerPort: parseListen(config.spec.metricsListen ?? '').port },
    ]);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    for (const path of [...config.spec.plans, config.spec.tokensFile, config.spec.stateDir, config.spec.kubeconfig]) expect(mount(dirname(path as string)) || mount(path as string), path).toBe(true);
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
  });

  it('grants the server only read access in the management cluster', () => {
    const role = parseAllDocuments(read('rbac.yaml')).map((d) => d.toJS() as { kind: string; rules?: Array<{ verbs: string[] }> }).find((d) => d.kind === 'ClusterRole');

    expect(role?.rules?.length).toBeGreaterThan(0);
    expect([...new Set(role?.rules?.flatMap((r) => r.verbs))].sort()).toEqual(['get', 'list', 'watch']);
  });
});

describe('deploy/grafana-dashboard.json', () => {
  let h: TestServer;

  beforeAll(async () => {
    h = await startTestServer();
  }, 30_000);

  afterAll(async () => {
    await h?.close();
  });

  it('queries only metrics the server exports', async () => {
    const dashboard = readFileSync(join(REPO_ROOT, 'deploy', 'grafana-dashboard.json'), 'utf8');
    const used = [...new Set([...dashboard.matchAll(/\blifeboat_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, '')))];

    const metrics = (await h.call('GET', '/metrics', { as: 'viewer' })).text;
    const exported = new Set([...metrics.matchAll(/^# TYPE (lifeboat_\w+) /gm)].map((m) => m[1]));

    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((name) => !exported.has(name))).toEqual([]);
    expect((JSON.parse(dashboard) as { panels: unknown[] }).panels.length).toBeGreaterThan(10);
  });
});
