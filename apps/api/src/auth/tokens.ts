import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type pg from 'pg';
import { ROLES, type Principal, type Role } from './roles.js';
import { VerifiedCredentials } from './verified-credentials.js';

const ISSUER = 'relationship-agreement';

/** Signed bearer tokens (HS256 JWTs) for people; revocable by their id (jti). */
export class Tokens {
  private readonly key: Uint8Array;
  /** Token ids found not revoked a moment ago. */
  private readonly unrevoked = new VerifiedCredentials<true>();

  constructor(
    secret: string,
    private readonly pool: pg.Pool,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(subject: string, roles: readonly Role[], expiresIn = '8h'): Promise<{ token: string; jti: string }> {
    const jti = randomUUID();
    const token = await new SignJWT({ roles })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(subject)
      .setIssuer(ISSUER)
      .setJti(jti)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(this.key);
    return { token, jti };
  }

  async revoke(jti: string): Promise<void> {
    await this.pool.query('INSERT INTO revoked_tokens (jti) VALUES ($1) ON CONFLICT DO NOTHING', [jti]);
    this.unrevoked.forget(jti);
  }

  /** The principal of a valid, unexpired, unrevoked token, or undefined. */
  async verify(token: string): Promise<Principal | undefined> {
    // Only a bad token is a failed authentication: a database error is the service's, and surfaces.
    const payload = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] }).then(
      (verified) => verified.payload,
      () => undefined,
    );
    if (!payload) return undefined;
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => ROLES.includes(r)) : [];
    if (!payload.sub || !payload.jti || roles.length === 0) return undefined;
    const jti = payload.jti;
    const unrevoked = await this.unrevoked.verify(jti, async () => {
      const revoked = await this.pool.query('SELECT 1 FROM revoked_tokens WHERE jti = $1', [jti]);
      return revoked.rowCount ? undefined : true;
    });
    if (!unrevoked) return undefined;
    return { id: payload.sub, roles, credential: 'token' };
  }
}
