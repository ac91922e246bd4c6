import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './exec.js';
import { PORTS } from './lab-config.js';
import type { LabSecrets } from './secrets.js';
import type { ProcessSpec } from './supervisor.js';

export const LAB_ZONE = 'lab.test.';
export const LAB_RECORD = 'app.lab.test.';
export const PDNS_API = `http://127.0.0.1:${PORTS.pdnsApi}`;

/**
 * PowerDNS authoritative (Debian's pdns-server with the SQLite backend), HTTP API and LUA records on,
 * DNS on 127.0.0.1:5300 and the API on 127.0.0.1:8081. The API key lives in the 0600 config file, not
 * on the command line, so `ps` does not show it.
 */
export async function powerDnsProcess(runDir: string, bin: string, s: LabSecrets): Promise<ProcessSpec> {
  const dir = join(runDir, 'pdns');
  mkdirSync(dir, { recursive: true });
  const db = join(dir, 'pdns.sqlite3');
  if (!existsSync(db)) {
    await run('sqlite3', [db, '.read /usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql']);
  }
  const conf = [
    'launch=gsqlite3', `gsqlite3-database=${db}`,
    'local-address=127.0.0.1', `local-port=${PORTS.pdnsDns}`,
    'api=yes', `api-key=${s.pdnsApiKey}`, 'webserver=yes', 'webserver-address=127.0.0.1', `webserver-port=${PORTS.pdnsApi}`, 'webserver-allow-from=127.0.0.0/8',
    'enable-lua-records=yes', `socket-dir=${dir}`, 'daemon=no', 'guardian=no', 'disable-syslog=yes', 'loglevel=4',
    // Answers must follow API updates at once: the lab measures DNS switch time.
    'cache-ttl=0', 'negquery-cache-ttl=0', 'query-cache-ttl=0', 'zone-cache-refresh-interval=0',
  ];
  writeFileSync(join(dir, 'pdns.conf'), `${conf.join('\n')}\n`, { mode: 0o600 });
  return { name: 'powerdns', command: bin, args: [`--config-dir=${dir}`] };
}

async function api(s: LabSecrets, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${PDNS_API}/api/v1/servers/localhost${path}`, {
    method,
    headers: { 'X-API-Key': s.pdnsApiKey, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function powerDnsReady(s: LabSecrets): Promise<boolean> {
  const res = await api(s, 'GET', '').catch(() => undefined);
  return res?.ok ?? false;
}

/** Creates zone lab.test. with app.lab.test. pointing at the primary's ingress, unless it exists. */
export async function ensureZone(s: LabSecrets, primaryIngressIp: string): Promise<void> {
  const existing = await api(s, 'GET', `/zones/${LAB_ZONE}`);
  if (existing.ok) return;
  const res = await api(s, 'POST', '/zones', {
    name: LAB_ZONE,
    kind: 'Native',
    nameservers: [`ns1.${LAB_ZONE}`],
    rrsets: [
      { name: `ns1.${LAB_ZONE}`, type: 'A', ttl: 300, records: [{ content: '127.0.0.1', disabled: false }] },
      { name: LAB_RECORD, type: 'A', ttl: 30, records: [{ content: primaryIngressIp, disabled: false }] },
    ],
  });
  if (!res.ok) throw new Error(`PowerDNS refused to create zone ${LAB_ZONE}: HTTP ${res.status} ${await res.text()}`);
}
