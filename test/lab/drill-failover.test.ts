import { execFile } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { Duration } from '../../src/core/objectives/duration.js';
import { restoreLabBaseline } from '../../src/lab/lab-drill.js';
import { PORTS, labPaths, regionNet } from '../../src/lab/lab-config.js';
import { screenshot } from '../../src/providers/browser/chromium-browser.js';
import { REPO_ROOT, runCli } from '../support/run-cli.js';
import { labSecrets } from '../support/lab-client.js';

/**
 * `lifeboat drill failover --lab`, as a user runs it: the outage injected for real, the trigger left to
 * detect it, failover, smoke checks, failback, and a signed evidence bundle. The plan carries planted
 * secrets (a webhook URL with a token in it, the DNS API key, a kubeconfig token): none may reach the
 * drill's output, its journal or any evidence file.
 */
const PLANTED = { kubeconfigToken: 'planted-kubeconfig-token-5f1c9a77', webhookToken: 'planted-webhook-path-7d3e0b12', hmacKey: 'planted-hmac-key-91ab44' };
const dir = mkdtempSync(join(tmpdir(), 'lifeboat-drill-failover-'));
const state = join(dir, 'state');
const hooks: Array<{ event?: string; signed: boolean }> = [];
let server: Server;
let hookUrl = '';

interface DrillRun { code: number; out: string }

function runDrill(args: string[], env: Record<string, string>): Promise<DrillRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin', 'lifeboat.js'), ...args], { cwd: REPO_ROOT, env: { ...process.env, LIFEBOAT_FROM_SOURCE: '1', NO_COLOR: '1', ...env }, timeout: 900_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: `${stdout}\n${stderr}` }));
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => { hooks.push({ ...(JSON.parse(body || '{}') as { event?: string }), signed: String(req.headers['x-lifeboat-signature'] ?? '').startsWith('sha256=') }); res.writeHead(200).end('ok'); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks/${PLANTED.webhookToken}`;
  const plan = parse(readFileSync(join(REPO_ROOT, 'examples', 'lab.yaml'), 'utf8')) as { spec: Record<string, unknown> };
  plan.spec.notifications = [{ name: 'ops-hook', type: 'webhook', secret: 'env:LAB_DRILL_HOOK_URL' }];
  writeFileSync(join(dir, 'plan.yaml'), stringify(plan));
  const kubeconfig = readFileSync(labPaths().kubeconfig, 'utf8').replaceAll('      client-key-data:', `      token: ${PLANTED.kubeconfigToken}\n      client-key-data:`);
  writeFileSync(join(dir, 'kubeconfig'), kubeconfig, { mode: 0o600 });
});

afterAll(async () => {
  server.close();
  await restoreLabBaseline('examples/lab.yaml');
  rmSync(dir, { recursive: true, force: true });
}, 600_000);

describe('lifeboat drill failover --lab: detection, failover, smoke checks, failback, evidence', () => {
  let drill: DrillRun;
  let bundle = '';
  let report: { outcome: string; measured: { detection?: string; rto?: string; rpo?: string; rtoMet?: boolean; rpoMet?: boolean }; phases: Array<{ name: string; status: string }>; checks: Array<{ name: string; passed: boolean }>; backups: unknown[] };

  it('runs to a passed drill and prints detection, RTO and RPO', async () => {
    drill = await runDrill(['--kubeconfig', join(dir, 'kubeconfig'), 'drill', 'failover', '--lab', join(dir, 'plan.yaml')], { LIFEBOAT_STATE_DIR: state, LAB_DRILL_HOOK_URL: `${hookUrl}|${PLANTED.hmacKey}` });
    bundle = /^evidence: (\S+)/m.exec(drill.out)?.[1] ?? '';
    report = JSON.parse(readFileSync(join(bundle, 'report.json'), 'utf8')) as typeof report;

    expect(drill.code, drill.out.slice(-3000)).toBe(0);
    expect(drill.out).toMatch(/^drill: +PASSED$/m);
    expect(drill.out).toMatch(/^detection: +\d/m);
    expect(drill.out).toMatch(/RTO/);
    expect(report.outcome).toBe('succeeded');
  }, 900_000);

  it('detected the outage on its own, no sooner than the trigger allows, and measured RTO/RPO within objectives', () => {
    const seconds = (d?: string): number => Duration.parse(d ?? '').toSeconds();

    expect(seconds(report.measured.detection)).toBeGreaterThanOrEqual(60);
    expect(seconds(report.measured.rto)).toBeGreaterThan(seconds(report.measured.detection));
    expect(report.measured.rtoMet).toBe(true);
    expect(report.measured.rpoMet).toBe(true);
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
    expect(report.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['smoke check web', 'failback']));
  });

  it('failed back: traffic is on region-a again', async () => {
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([`127.0.0.1:${PORTS.pdnsDns}`]);

    expect(await resolver.resolve4('app.lab.test')).toEqual([regionNet('region-a').regionIp]);
  });

  it('notified the plan\'s channel of the run\'s events', () => {
    expect(hooks.map((h) => h.event)).toEqual(expect.arrayContaining(['failover-started', 'failover-complete', 'drill-complete']));
    expect(hooks.every((h) => h.signed)).toBe(true);
  });

  it('leaves a verifiable bundle in every format, and renders its HTML timeline in Chromium (docs/img)', async () => {
    const files = readdirSync(bundle).sort();
    expect(files).toEqual(['journal.jsonl', 'manifest.json', 'report.html', 'report.json', 'report.junit.xml', 'report.md', 'report.pdf']);
    const ok = await runCli(['evidence', 'verify', bundle], { env: { LIFEBOAT_STATE_DIR: state } });
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(readFileSync(join(bundle, 'report.junit.xml'), 'utf8')).toMatch(/<testsuite [^>]*failures="0"/);

    const png = await screenshot(readFileSync(join(bundle, 'report.html'), 'utf8'), { width: 1280, height: 1600 });
    mkdirSync(join(REPO_ROOT, 'docs', 'img'), { recursive: true });
    writeFileSync(join(REPO_ROOT, 'docs', 'img', 'failover-drill-report.png'), png);
    expect(png.length).toBeGreaterThan(20_000);
  }, 120_000);

  it('keeps every planted secret out of the drill\'s output, its journal and each evidence file', () => {
    const secrets = [PLANTED.kubeconfigToken, PLANTED.webhookToken, PLANTED.hmacKey, hookUrl, labSecrets().pdnsApiKey, labSecrets().minioPassword];
    const places: Array<[string, Buffer]> = [
      ['drill output', Buffer.from(drill.out)],
      ...['journal.sqlite3', 'journal.sqlite3-wal'].filter((f) => existsSync(join(state, f))).map((f): [string, Buffer] => [f, readFileSync(join(state, f))]),
      ...readdirSync(bundle).map((f): [string, Buffer] => [f, readFileSync(join(bundle, f))]),
    ];

    for (const [where, bytes] of places) for (const s of secrets) expect(bytes.includes(s), `${where} holds a planted secret`).toBe(false);
  });
});
