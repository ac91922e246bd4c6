import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardFiles } from '../../src/server/dashboard-files.js';

function builtDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'lifeboat-secret.txt'), 'outside the dist');
  return dir;
}

const get = (path: string, method = 'GET'): Request => new Request(`http://127.0.0.1${path}`, { method });

describe('dashboardFiles', () => {
  it('answers hashed assets with their type, cached for a year', async () => {
    const sut = dashboardFiles(builtDist());

    const res = await sut(get('/assets/index-abc123.js'));

    expect(res?.status).toBe(200);
    expect(res?.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res?.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    await expect(res?.text()).resolves.toBe('console.log(1)');
  });

  it.each(['/', '/index.html', '/plans/shop', '/runs/failover-x'])('answers %s with index.html, never cached, with a same-origin CSP', async (path) => {
    const sut = dashboardFiles(builtDist());

    const res = await sut(get(path));

    expect(res?.status).toBe(200);
    expect(res?.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res?.headers.get('cache-control')).toBe('no-cache');
    expect(res?.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res?.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    await expect(res?.text()).resolves.toContain('<div id="root">');
  });

  it.each(['/v1/plans', '/v1', '/healthz', '/openapi.json', '/metrics'])('leaves the API path %s to the API', async (path) => {
    await expect(dashboardFiles(builtDist())(get(path))).resolves.toBeUndefined();
  });

  it('leaves other methods to the API, and answers HEAD without a body', async () => {
    const sut = dashboardFiles(builtDist());

    const post = await sut(get('/', 'POST'));
    const head = await sut(get('/assets/index-abc123.js', 'HEAD'));

    expect(post).toBeUndefined();
    expect(head?.status).toBe(200);
    expect(head?.headers.get('content-length')).toBe('14');
    await expect(head?.text()).resolves.toBe('');
  });

  it.each(['/../lifeboat-secret.txt', '/%2e%2e/lifeboat-secret.txt', '/assets/..%2f..%2flifeboat-secret.txt', '/assets/missing.js'])('never serves a file outside the build: %s is a 404', async (path) => {
    const res = await dashboardFiles(builtDist())(get(path));

    expect(res?.status).toBe(404);
    await expect(res?.text()).resolves.not.toContain('outside the dist');
  });

  it('steps aside when web/dist has not been built', async () => {
    await expect(dashboardFiles(join(tmpdir(), 'no-such-dist'))(get('/'))).resolves.toBeUndefined();
  });
});
