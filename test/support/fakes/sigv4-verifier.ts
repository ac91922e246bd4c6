import { createHash, createHmac } from 'node:crypto';
import type { RecordedRequest } from './local-http-server.js';

/**
 * Recomputes an AWS Signature Version 4 signature from a received request, written from the AWS
 * reference "Create a signed AWS API request" (canonical request, string to sign, derived signing key),
 * independently of the SDK that signed it. Returns the reason the signature is wrong, or undefined.
 */
export function sigV4Problem(req: RecordedRequest, secretAccessKey: string, service: string): string | undefined {
  const auth = /^AWS4-HMAC-SHA256 Credential=[^/]+\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization ?? ''));
  if (!auth) return 'no AWS4-HMAC-SHA256 Authorization header';
  const [, day = '', region = '', signedService = '', signedHeaders = '', signature = ''] = auth;
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (signedService !== service) return `signed for service ${signedService}, not ${service}`;
  if (!amzDate.startsWith(day)) return 'X-Amz-Date does not match the credential scope';
  const payloadHash = sha256(req.body);
  if (req.headers['x-amz-content-sha256'] !== undefined && req.headers['x-amz-content-sha256'] !== payloadHash) return 'x-amz-content-sha256 is not the hash of the body';
  const headers = signedHeaders.split(';').map((h) => `${h}:${String(req.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonical = [req.method, req.path.split('/').map(encode).join('/'), canonicalQuery(req.query), headers, signedHeaders, payloadHash].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = [day, region, service, 'aws4_request'].reduce<Buffer>((k, part) => hmac(k, part), Buffer.from(`AWS4${secretAccessKey}`));
  return hmac(key, stringToSign).toString('hex') === signature ? undefined : 'signature does not match';
}

function canonicalQuery(query: URLSearchParams): string {
  return [...query.entries()].map(([k, v]) => `${encode(k)}=${encode(v)}`).sort().join('&');
}

/** RFC 3986 encoding: everything but A-Z a-z 0-9 - _ . ~ */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function hmac(key: Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}
