/**
 * Turns a plan's secret reference into the shell expression that reads it at run time, so runbook
 * commands name where a secret lives and never carry the secret itself.
 *
 * @example shellSecret('env:LIFEBOAT_PDNS_API_KEY') // '$LIFEBOAT_PDNS_API_KEY'
 * @example shellSecret('file:/etc/lifeboat/pdns.key') // '$(cat /etc/lifeboat/pdns.key)'
 */
export function shellSecret(ref: string | undefined, fallbackEnv: string): string {
  if (!ref) return `$${fallbackEnv}`;
  if (ref.startsWith('env:')) return `$${ref.slice(4)}`;
  return `$(cat ${ref.slice(5)})`;
}
