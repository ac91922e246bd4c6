import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './exec.js';

/** The lab's certificate files: one CA, a serving cert per apiserver, an admin client cert, the SA key pair. */
export interface LabPki {
  dir: string;
  caCert: string;
  caKey: string;
  adminCert: string;
  adminKey: string;
  saKey: string;
  saPub: string;
  serving: (region: string) => { cert: string; key: string };
}

export function pkiFiles(dir: string): LabPki {
  return {
    dir,
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    adminCert: join(dir, 'admin.crt'),
    adminKey: join(dir, 'admin.key'),
    saKey: join(dir, 'sa.key'),
    saPub: join(dir, 'sa.pub'),
    serving: (region) => ({ cert: join(dir, `${region}-apiserver.crt`), key: join(dir, `${region}-apiserver.key`) }),
  };
}

/** Creates whatever of the lab PKI is missing (openssl from Debian; EC P-256 keys, 10-year certs). */
export async function ensurePki(dir: string, regions: Array<{ region: string; ip: string }>): Promise<LabPki> {
  const p = pkiFiles(dir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(p.caCert)) {
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', p.caKey, '-out', p.caCert, '-days', '3650', '-subj', '/CN=lifeboat-lab-ca']);
  }
  if (!existsSync(p.saKey)) {
    await run('openssl', ['genrsa', '-out', p.saKey, '2048']);
    await run('openssl', ['rsa', '-in', p.saKey, '-pubout', '-out', p.saPub]);
  }
  if (!existsSync(p.adminCert)) {
    await issue(p, { cert: p.adminCert, key: p.adminKey }, '/O=system:masters/CN=lifeboat-admin', 'extendedKeyUsage=clientAuth');
  }
  for (const { region, ip } of regions) {
    const files = p.serving(region);
    if (existsSync(files.cert)) continue;
    const san = `subjectAltName=IP:${ip},IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local`;
    await issue(p, files, '/CN=kube-apiserver', `${san}\nextendedKeyUsage=serverAuth`);
  }
  return p;
}

async function issue(p: LabPki, files: { cert: string; key: string }, subject: string, ext: string): Promise<void> {
  const csr = `${files.cert}.csr`;
  const extFile = `${files.cert}.ext`;
  writeFileSync(extFile, `${ext}\n`);
  await run('openssl', ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', files.key, '-out', csr, '-subj', subject]);
  await run('openssl', ['x509', '-req', '-in', csr, '-CA', p.caCert, '-CAkey', p.caKey, '-CAcreateserial', '-out', files.cert, '-days', '3650', '-extfile', extFile]);
}
