import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchHttpProber } from './fetch-http-prober.js';

describe('FetchHttpProber', () => {
  let server: Server;
  let base = '';
  const seenHosts: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seenHosts.push(req.headers.host ?? '');
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000);
      res.writeHead(req.headers.host === 'app.example.test' ? 200 : 503).end('x');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(() => { server.closeAllConnections(); server.close(); });

  it('sends the Host header it is given (an ingress probed by address for the record name)', async () => {
    const sut = new FetchHttpProber();

    const named = await sut.probe(`${base}/`, { host: 'app.example.test', timeoutMs: 1000 });
    const bare = await sut.probe(`${base}/`, { timeoutMs: 1000 });

    expect(named).toMatchObject({ ok: true, status: 200 });
    expect(bare).toMatchObject({ ok: false, status: 503 });
    expect(seenHosts.slice(0, 2)).toEqual(['app.example.test', base.replace('http://', '')]);
  });

  it('reports a timeout and a refused connection as failed probes, without throwing', async () => {
    const sut = new FetchHttpProber();

    expect(await sut.probe(`${base}/slow`, { timeoutMs: 200 })).toMatchObject({ ok: false, error: 'timeout' });
    expect(await sut.probe('http://127.0.0.1:1/', { timeoutMs: 500 })).toMatchObject({ ok: false, error: 'ECONNREFUSED' });
  });
});
