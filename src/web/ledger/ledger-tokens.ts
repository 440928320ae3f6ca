import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { LedgerSession } from '../../app/ledger/index.js';
import type { Clock } from '../../ports.js';

/*
 * Ledger links and sessions: HS256 tokens (jose) signed with LEDGER_SECRET, carrying the guild, the
 * user, when it was issued (to the millisecond, for /ledger revoke), when it expires and a link id.
 * A link (/l/<token>) is exchanged for a session cookie holding a session token with the same claims,
 * so the session ends when the link would have.
 */

export type TokenKind = 'link' | 'session';

const snowflake = z.string().regex(/^\d{1,20}$/);

const claimsSchema = z.object({
  typ: z.enum(['link', 'session']),
  g: snowflake,
  sub: snowflake,
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().min(8).max(64),
  /** Issued-at in milliseconds: a revoke and a new link in the same second must not be confused. */
  ims: z.number().int().nonnegative(),
});

export interface LedgerClaims extends LedgerSession {
  readonly kind: TokenKind;
  readonly linkId: string;
  readonly expiresAt: Date;
}

/** Why a token was refused: expired (401, ask again), or not ours / altered / not the kind expected (401). */
export class LedgerTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'ledger token expired' : 'ledger token invalid');
    this.name = 'LedgerTokenError';
  }
}

export interface LedgerTokens {
  readonly linkHours: number;
  /** A new link token; `linkId` names it in logs. */
  issueLink(input: { guildId: string; userId: string }): Promise<{ token: string; claims: LedgerClaims }>;
  /** The session token a link is exchanged for: the same person, issue time and expiry. */
  issueSession(claims: LedgerClaims): Promise<string>;
  verify(token: string, kind: TokenKind): Promise<LedgerClaims>;
}

export function createLedgerTokens(options: { secret: string; clock: Clock; linkHours: number }): LedgerTokens {
  const key = new TextEncoder().encode(options.secret);
  const sign = (claims: LedgerClaims) =>
    new SignJWT({ typ: claims.kind, g: claims.guildId, ims: claims.issuedAt.getTime() })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setJti(claims.linkId)
      .setIssuedAt(Math.floor(claims.issuedAt.getTime() / 1000))
      .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
      .sign(key);
  return {
    linkHours: options.linkHours,
    async issueLink({ guildId, userId }) {
      const issuedAt = options.clock.now();
      const claims: LedgerClaims = {
        kind: 'link',
        guildId,
        userId,
        issuedAt,
        expiresAt: new Date(issuedAt.getTime() + options.linkHours * 3_600_000),
        linkId: randomBytes(9).toString('base64url'),
      };
      return { token: await sign(claims), claims };
    },
    issueSession: (claims) => sign({ ...claims, kind: 'session' }),
    async verify(token, kind) {
      // A token is a few hundred characters; anything far longer is not one of ours.
      if (token.length > 2_000) throw new LedgerTokenError('invalid');
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: options.clock.now() }));
      } catch (error) {
        throw new LedgerTokenError(error instanceof errors.JWTExpired ? 'expired' : 'invalid');
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success || claims.data.typ !== kind) throw new LedgerTokenError('invalid');
      const c = claims.data;
      return { kind: c.typ, guildId: c.g, userId: c.sub, issuedAt: new Date(c.ims), expiresAt: new Date(c.exp * 1000), linkId: c.jti };
    },
  };
}
