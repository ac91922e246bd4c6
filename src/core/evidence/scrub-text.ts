import { REDACTED, redact } from '../redact.js';

/**
 * Shapes of secrets that may reach a journal without anyone listing them: bearer tokens and JWTs
 * (kubeconfig service-account tokens), Slack webhook paths (the secret is the path, not a query), and
 * `key: value` / `key=value` pairs whose key names a credential (PowerDNS `X-API-Key`, kubeconfig
 * `token:` and `client-key-data:`).
 */
const patterns: ReadonlyArray<[RegExp, string]> = [
  [/\bBearer\s+[A-Za-z0-9._~+/-]+=*/gi, `Bearer ${REDACTED}`],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/\b(hooks\.slack\.com\/)[^\s"'<>)]+/gi, `$1${REDACTED}`],
  [
    /\b((?:x-)?api[-_]?key|token|password|passwd|secret|client-key-data|authorization)(["']?\s*[:=]\s*["']?)(?!\*\*\*|Bearer\b)[^\s"',;}&]+/gi,
    `$1$2${REDACTED}`,
  ],
];

/**
 * Removes secrets from text bound for an evidence report: every listed secret and URL credential
 * (through `redact`), then the well-known secret shapes above.
 *
 * @example scrubText('GET /zones X-API-Key: s3cr3t -> 401', []) // 'GET /zones X-API-Key: *** -> 401'
 */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = redact(text, secrets);
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}
