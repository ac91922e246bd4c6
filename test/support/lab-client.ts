import { readFileSync } from 'node:fs';
import { AppsV1Api, CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { kubeConfigFor } from '../../src/lab/kube-apply.js';
import { labPaths } from '../../src/lab/lab-config.js';
import type { LabSecrets } from '../../src/lab/secrets.js';

/** Typed clients for one lab region, for tests. */
export function regionClients(region: 'region-a' | 'region-b'): { kc: KubeConfig; core: CoreV1Api; apps: AppsV1Api; custom: CustomObjectsApi } {
  const kc = kubeConfigFor(labPaths().kubeconfig, `lab-${region}`);
  return { kc, core: kc.makeApiClient(CoreV1Api), apps: kc.makeApiClient(AppsV1Api), custom: kc.makeApiClient(CustomObjectsApi) };
}

export function labSecrets(): LabSecrets {
  return JSON.parse(readFileSync(`${labPaths().run}/secrets.json`, 'utf8')) as LabSecrets;
}

export async function eventually<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 120_000, intervalMs = 1000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}

export const velero = { group: 'velero.io', version: 'v1', namespace: 'velero' } as const;
