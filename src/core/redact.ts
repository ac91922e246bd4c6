/** What every redacted value becomes. */
export const REDACTED = '***';

/**
 * Removes secrets from text bound for an error message, log line or report: every given secret (and
 * its URL-encoded form), every URL's query string and every URL's userinfo (`user:pass@`).
 * Secrets shorter than 4 characters are ignored: they would blank out ordinary words.
 *
 * @example redact('POST https://hooks.example/T1?key=abc failed for tok3n', ['tok3n'])
 * // 'POST https://hooks.example/T1?*** failed for ***'
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  const variants = secrets.flatMap((s) => [s, encodeURIComponent(s)]).filter((s) => s.length >= 4);
  for (const secret of [...new Set(variants)].sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
  return out
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@?#]+@/gi, `$1${REDACTED}@`)
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s?#]*)\?[^\s#"'<>]*/gi, `$1?${REDACTED}`);
}
