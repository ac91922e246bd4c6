import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Credentials the lab generates once per run directory; kept in a 0600 file, never printed. */
export interface LabSecrets {
  minioUser: string;
  minioPassword: string;
  pdnsApiKey: string;
}

export function ensureSecrets(runDir: string): LabSecrets {
  const file = join(runDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LabSecrets;
  const s: LabSecrets = {
    minioUser: 'lifeboat-lab',
    minioPassword: randomBytes(18).toString('base64url'),
    pdnsApiKey: randomBytes(24).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(s, null, 2), { mode: 0o600 });
  return s;
}

/** Writes `lab.env` (0600): the variables a shell or test needs to use the lab (source it). */
export function writeLabEnv(runDir: string, kubeconfig: string, s: LabSecrets): string {
  const file = join(runDir, 'lab.env');
  const lines = [
    `export KUBECONFIG=${kubeconfig}`,
    `export LIFEBOAT_PDNS_API_KEY=${s.pdnsApiKey}`,
    `export AWS_ACCESS_KEY_ID=${s.minioUser}`,
    `export AWS_SECRET_ACCESS_KEY=${s.minioPassword}`,
    'export AWS_REGION=minio',
  ];
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  return file;
}
