import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { LabPki } from './pki.js';

/** GET an apiserver path with the lab's admin certificate; resolves to the HTTP status or an error string. */
export function apiserverGet(url: string, pki: LabPki, timeoutMs = 2000): Promise<{ status?: number; error?: string; body?: string }> {
  return new Promise((resolve) => {
    const req = httpsRequest(url, {
      ca: readFileSync(pki.caCert), cert: readFileSync(pki.adminCert), key: readFileSync(pki.adminKey), timeout: timeoutMs,
    }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => { req.destroy(new Error(`timed out after ${timeoutMs}ms`)); });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end();
  });
}

/** Plain HTTP GET with a timeout: status, or the error code (ECONNREFUSED, EHOSTUNREACH, timeout). */
export async function httpGet(url: string, timeoutMs = 2000, headers: Record<string, string> = {}): Promise<{ status?: number; error?: string; body?: string }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers });
    return { status: res.status, body: await res.text() };
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string }; message: string };
    if (e.name === 'TimeoutError') return { error: 'timeout' };
    return { error: e.cause?.code ?? e.message };
  }
}
