import { readFileSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import type { LabPki } from './pki.js';

/** A kubeconfig with one context per entry, authenticating with the lab's admin client certificate. */
export function writeKubeconfig(file: string, pki: LabPki, entries: Array<{ context: string; server: string }>): void {
  const b64 = (f: string): string => readFileSync(f).toString('base64');
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: entries.map((e) => ({ name: e.context, cluster: { server: e.server, 'certificate-authority-data': b64(pki.caCert) } })),
    users: [{ name: 'lifeboat-lab-admin', user: { 'client-certificate-data': b64(pki.adminCert), 'client-key-data': b64(pki.adminKey) } }],
    contexts: entries.map((e) => ({ name: e.context, context: { cluster: e.context, user: 'lifeboat-lab-admin' } })),
    'current-context': entries[0]?.context ?? '',
  };
  writeFileSync(file, stringify(doc), { mode: 0o600 });
}
