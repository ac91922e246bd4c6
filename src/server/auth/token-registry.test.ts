import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { newToken, TokenRegistry, tokenDigest } from './token-registry.js';

describe('TokenRegistry', () => {
  it('finds the principal of a token by its hash and knows no other token', () => {
    const alice = newToken('alice', 'approver');
    const bob = newToken('bob', 'viewer');
    const sut = new TokenRegistry([alice.stored, bob.stored]);

    expect(sut.authenticate(alice.token)).toEqual({ name: 'alice', role: 'approver' });
    expect(sut.authenticate(bob.token)).toEqual({ name: 'bob', role: 'viewer' });
    expect(sut.authenticate(`${alice.token}x`)).toBeUndefined();
    expect(sut.authenticate('')).toBeUndefined();
  });

  it('stores only the SHA-256 of a 256-bit random token', () => {
    const sut = newToken('ci', 'operator');

    expect(sut.token).toMatch(/^lbt_[A-Za-z0-9_-]{43}$/);
    expect(sut.stored.sha256).toBe(tokenDigest(sut.token).toString('hex'));
    expect(JSON.stringify(sut.stored)).not.toContain(sut.token.slice(4));
    expect(newToken('ci', 'operator').token).not.toBe(sut.token);
  });

  it('refuses a name that cannot be an actor', () => {
    expect(() => newToken('alice smith', 'viewer')).toThrow(InputError);
  });

  it('forgets replaced tokens on reload', () => {
    const old = newToken('old', 'admin');
    const sut = new TokenRegistry([old.stored]);

    sut.replace([newToken('new', 'admin').stored]);

    expect(sut.authenticate(old.token)).toBeUndefined();
    expect(sut.size).toBe(1);
  });
});
