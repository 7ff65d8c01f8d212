import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import type { Principal, Role } from './roles.js';
import { VerifiedCredentials } from './verified-credentials.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

export interface StoredKey {
  readonly role: Role;
  readonly secretSha256: Buffer;
}

/**
 * API keys for services: `rak_<id>_<secret>`. Only the SHA-256 of the secret
 * is stored, so a database dump does not hand out credentials; the memory
 * keeps the same for a few seconds (VerifiedCredentials), never the secret.
 */
export class ApiKeys {
  constructor(
    private readonly pool: pg.Pool,
    private readonly active = new VerifiedCredentials<StoredKey>(),
  ) {}

  async create(role: Role, name: string): Promise<{ id: string; key: string }> {
    const id = randomBytes(6).toString('hex');
    const secret = randomBytes(24).toString('base64url');
    await this.pool.query('INSERT INTO api_keys (id, name, role, secret_sha256) VALUES ($1, $2, $3, $4)', [
      id,
      name,
      role,
      sha256(secret),
    ]);
    return { id, key: `rak_${id}_${secret}` };
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
      [id],
    );
    this.active.forget(id);
    return result.rowCount === 1;
  }

  async count(): Promise<number> {
    const result = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM api_keys');
    return Number(result.rows[0]!.n);
  }

  /** The principal of a valid, unrevoked key, or undefined. */
  async verify(key: string): Promise<Principal | undefined> {
    const match = /^rak_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$/.exec(key);
    if (!match) return undefined;
    const id = match[1]!;
    const secret = match[2]!;
    const stored = await this.active.verify(id, () => this.lookUp(id));
    if (!stored || !timingSafeEqual(stored.secretSha256, sha256(secret))) return undefined;
    return { id: `key:${id}`, roles: [stored.role], credential: 'api-key' };
  }

  /** The key as stored, if it exists and is not revoked. */
  private async lookUp(id: string): Promise<StoredKey | undefined> {
    // Named, so that each connection plans it once.
    const result = await this.pool.query<{ role: Role; secret_sha256: Buffer }>({
      name: 'api-key',
      text: 'SELECT role, secret_sha256 FROM api_keys WHERE id = $1 AND revoked_at IS NULL',
      values: [id],
    });
    const row = result.rows[0];
    return row && { role: row.role, secretSha256: row.secret_sha256 };
  }
}
