import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ConflictError, InputError } from '../../core/errors.js';
import { parseLocated } from '../config/parse-located.js';
import type { Role } from './roles.js';
import { newToken, tokensFileSchema, type StoredToken } from './token-registry.js';

/**
 * The stored tokens: the tokens file when given, else $LIFEBOAT_TOKENS (the same JSON, for
 * containers that mount a Secret as an environment variable). Both may be given: they add up.
 */
export function readTokens(file: string | undefined, env: NodeJS.ProcessEnv): StoredToken[] {
  const fromFile = file ? readTokensFile(file) : [];
  const fromEnv = env.LIFEBOAT_TOKENS ? parseLocated(tokensFileSchema, env.LIFEBOAT_TOKENS, '$LIFEBOAT_TOKENS').tokens : [];
  const names = new Set(fromFile.map((t) => t.name));
  const twice = fromEnv.find((t) => names.has(t.name));
  if (twice) throw new InputError([{ path: 'tokens', message: `token name "${twice.name}" is in both ${file ?? ''} and $LIFEBOAT_TOKENS` }]);
  return [...fromFile, ...fromEnv];
}

function readTokensFile(file: string): StoredToken[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError([{ path: 'spec.tokensFile', message: `cannot read the tokens file ${file}` }]);
  }
  return parseLocated(tokensFileSchema, text, file).tokens;
}

/**
 * Adds a token to the tokens file (created with mode 0600 when missing) and returns the token: the
 * only time it is ever shown. Refuses a name already in the file.
 *
 * @example addToken('/etc/lifeboat/tokens.json', 'alice', 'approver') // 'lbt_...'
 */
export function addToken(file: string, name: string, role: Role, now = new Date()): string {
  const tokens = existsSync(file) ? readTokensFile(file) : [];
  if (tokens.some((t) => t.name === name)) throw new ConflictError(`a token named "${name}" already exists in ${file}: pick another name or remove it first`);
  const { token, stored } = newToken(name, role, now);
  const next = tokensFileSchema.parse({ tokens: [...tokens, stored] });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  return token;
}
