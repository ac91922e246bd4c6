import type { PathIssue } from './issue-path.js';

/** A secret reference, the only form a credential may take in a plan. */
const SECRET_REF = /^(env:[A-Za-z_][A-Za-z0-9_]*|file:\/.+)$/;

/** Field names that hold credentials (compared lowercased, punctuation removed, as a suffix). */
const SECRET_KEY = /(password|passwd|token|secret|apikey|accesskey|secretkey|privatekey|credential|credentials|routingkey|webhookurl)$/;

/** Value shapes that are credentials wherever they appear, each with the words used in the message. */
const SECRET_VALUES: ReadonlyArray<[RegExp, string]> = [
  [/hooks\.slack\.com\//i, 'a Slack webhook URL'],
  [/discord(app)?\.com\/api\/webhooks\/|webhook\.office\.com\/|outlook\.office\.com\/webhook/i, 'a chat webhook URL'],
  [/[a-z][a-z0-9+.-]*:\/\/[^\s/@:]+:[^\s/@]+@/i, 'a URL with a password in it'],
  [/[?&](token|access_token|api_?key|key|secret|password|sig|signature|x-amz-signature|x-amz-credential|auth)=[^&\s]+/i, 'a URL with a credential in its query'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/, 'a GitHub token'],
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key'],
  [/\beyJ[\w-]{10,}\.[\w-]{10,}\./, 'a JSON web token'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
];

const MAX_DEPTH = 64;
const MAX_VALUES = 20_000;

/**
 * Finds values in a raw plan that look like credentials: a literal in a field named like a secret
 * (`token`, `password`, `secret`, `credentials`...), or a string anywhere shaped like a webhook URL,
 * token or key. Runs on the raw document, before the schema, so secrets in unknown fields, labels and
 * storage `config` maps are caught too. Messages say what kind of secret it looks like and never
 * echo the value: they end up in terminals, CI logs and reports.
 *
 * @example findInlineSecrets({ spec: { traffic: { credentials: 'hunter2' } } })[0].path // ['spec', 'traffic', 'credentials']
 */
export function findInlineSecrets(root: unknown): PathIssue[] {
  const issues: PathIssue[] = [];
  const stack: Array<{ value: unknown; path: PropertyKey[] }> = [{ value: root, path: [] }];
  for (let seen = 0; stack.length > 0 && seen < MAX_VALUES; seen++) {
    const { value, path } = stack.pop() as { value: unknown; path: PropertyKey[] };
    const kind = secretKind(value, path.at(-1));
    if (kind) issues.push({ path, message: inlineSecretMessage(kind) });
    if (path.length < MAX_DEPTH) stack.push(...children(value, path));
  }
  return issues.sort((a, b) => String(a.path.join('.')).localeCompare(b.path.join('.')));
}

function children(value: unknown, path: PropertyKey[]): Array<{ value: unknown; path: PropertyKey[] }> {
  if (Array.isArray(value)) return value.map((v: unknown, i) => ({ value: v, path: [...path, i] }));
  if (value === null || typeof value !== 'object' || value.constructor !== Object) return [];
  return Object.entries(value).map(([k, v]: [string, unknown]) => ({ value: v, path: [...path, k] }));
}

function secretKind(value: unknown, key: PropertyKey | undefined): string | undefined {
  if (typeof value === 'string') {
    const shaped = SECRET_VALUES.find(([pattern]) => pattern.test(value));
    if (shaped) return shaped[1];
    return value !== '' && !SECRET_REF.test(value) && isSecretKey(key) ? `a literal value in a field named "${String(key)}"` : undefined;
  }
  return typeof value === 'number' && isSecretKey(key) ? `a literal value in a field named "${String(key)}"` : undefined;
}

function isSecretKey(key: PropertyKey | undefined): boolean {
  return typeof key === 'string' && SECRET_KEY.test(key.toLowerCase().replace(/[^a-z]/g, ''));
}

function inlineSecretMessage(kind: string): string {
  return `looks like an inline secret (${kind}); a plan holds only references: put the value in an environment variable or a file and write "env:NAME" or "file:/path"`;
}
