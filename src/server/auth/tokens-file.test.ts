import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConflictError, InputError } from '../../core/errors.js';
import { TokenRegistry } from './token-registry.js';
import { addToken, readTokens } from './tokens-file.js';

describe('tokens file', () => {
  it('adds tokens (file 0600, hashes only) that the registry then accepts', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lifeboat-tokens-')), 'tokens.json');

    const alice = addToken(file, 'alice', 'admin');
    const ci = addToken(file, 'ci', 'operator');
    const sut = new TokenRegistry(readTokens(file, {}));

    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain(alice.slice(4));
    expect(sut.authenticate(alice)).toEqual({ name: 'alice', role: 'admin' });
    expect(sut.authenticate(ci)).toEqual({ name: 'ci', role: 'operator' });
    expect(() => addToken(file, 'alice', 'viewer')).toThrow(ConflictError);
  });

  it('reads $LIFEBOAT_TOKENS as well, and names the bad field of either', () => {
    const env = { LIFEBOAT_TOKENS: JSON.stringify({ tokens: [{ name: 'ci', role: 'operator', sha256: 'a'.repeat(64) }] }) };

    expect(readTokens(undefined, env)).toEqual([{ name: 'ci', role: 'operator', sha256: 'a'.repeat(64) }]);
    expect(() => readTokens(undefined, { LIFEBOAT_TOKENS: '{"tokens":[{"name":"ci","role":"root","sha256":"x"}]}' })).toThrow(InputError);
    expect(() => readTokens(undefined, { LIFEBOAT_TOKENS: '{"tokens":[{"name":"ci","role":"root","sha256":"x"}]}' })).toThrow(/tokens\[0\]\.role: expected one of "viewer", "operator", "approver", "admin" \(\$LIFEBOAT_TOKENS:1:32\)/);
  });
});
