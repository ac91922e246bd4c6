import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import { roleSchema, type Principal } from './roles.js';

/** One token as stored: its name, role and the SHA-256 of the token (never the token itself). */
export const storedTokenSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,62}$/, 'expected a name of letters, digits, ".", "_", "@", "-" (at most 63)'),
  role: roleSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits'),
  createdAt: z.iso.datetime().optional(),
});

/** The tokens file (and $LIFEBOAT_TOKENS): `{"tokens": [{name, role, sha256, createdAt}]}`. */
export const tokensFileSchema = z.strictObject({ tokens: z.array(storedTokenSchema) }).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.tokens.forEach((t, i) => {
    if (seen.has(t.name)) ctx.addIssue({ code: 'custom', path: ['tokens', i, 'name'], message: `token name "${t.name}" is used twice` });
    seen.add(t.name);
  });
});

export type StoredToken = z.output<typeof storedTokenSchema>;
export type TokensFile = z.output<typeof tokensFileSchema>;

/** SHA-256 of a token as 32 bytes. The tokens are 256 random bits, so a plain hash resists guessing. */
export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** A new random token (`lbt_` + 43 base64url characters) and the record that stores its hash. */
export function newToken(name: string, role: Principal['role'], now = new Date()): { token: string; stored: StoredToken } {
  const nameCheck = storedTokenSchema.shape.name.safeParse(name);
  if (!nameCheck.success) throw new InputError([{ path: '--name', message: nameCheck.error.issues[0]?.message ?? 'invalid name' }]);
  const token = `lbt_${randomBytes(32).toString('base64url')}`;
  return { token, stored: storedTokenSchema.parse({ name, role, sha256: tokenDigest(token).toString('hex'), createdAt: now.toISOString() }) };
}

/**
 * Looks bearer tokens up by hash. Every stored hash is compared with `timingSafeEqual`, all of them,
 * whatever matches: the time taken says nothing about which token (or which prefix) was close.
 *
 * @example new TokenRegistry(file.tokens).authenticate('lbt_...') // { name: 'alice', role: 'approver' }
 */
export class TokenRegistry {
  private digests: Array<{ digest: Buffer; principal: Principal }> = [];

  constructor(tokens: readonly StoredToken[] = []) {
    this.replace(tokens);
  }

  /** Swaps the known tokens (a reload on SIGHUP). */
  replace(tokens: readonly StoredToken[]): void {
    this.digests = tokens.map((t) => ({ digest: Buffer.from(t.sha256, 'hex'), principal: { name: t.name, role: t.role } }));
  }

  get size(): number {
    return this.digests.length;
  }

  /** The principal whose token this is, or undefined. */
  authenticate(token: string): Principal | undefined {
    const presented = tokenDigest(token);
    let found: Principal | undefined;
    for (const { digest, principal } of this.digests) {
      if (timingSafeEqual(digest, presented) && !found) found = principal;
    }
    return found;
  }
}
