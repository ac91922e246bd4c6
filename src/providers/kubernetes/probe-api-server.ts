import { request } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Reachability } from '../../core/ports/kubernetes-inventory.js';

/**
 * GETs the API server's /version with the context's credentials and gives up after `timeoutMs`,
 * destroying the socket so an unreachable cluster leaves nothing pending. Never throws.
 */
export async function probeApiServer(kc: KubeConfig, timeoutMs: number): Promise<Reachability> {
  const server = kc.getCurrentCluster()?.server;
  if (!server) return { reachable: false, reason: `context ${kc.getCurrentContext()} names no cluster server` };
  const url = new URL('/version', server);
  const options: Parameters<typeof request>[1] = { method: 'GET', timeout: timeoutMs };
  try {
    await kc.applyToHTTPSOptions(options);
  } catch (error) {
    return { reachable: false, reason: `credentials for ${kc.getCurrentContext()}: ${(error as Error).message}` };
  }
  const started = Date.now();
  return new Promise((resolve) => {
    const req = request(url, options, (res) => {
      res.resume();
      const ok = (res.statusCode ?? 0) < 500;
      resolve(ok ? { reachable: true, latencyMs: Date.now() - started } : { reachable: false, reason: `${url.origin} answered HTTP ${res.statusCode}` });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url.origin} within ${timeoutMs}ms`)));
    req.on('error', (error) => resolve({ reachable: false, reason: error.message }));
    req.end();
  });
}
