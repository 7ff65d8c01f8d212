import { describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { Tokens } from './tokens.js';

/** The revoked_tokens table in memory, counting the revocation checks. */
function memoryPool() {
  const revoked = new Set<string>();
  const counts = { checks: 0 };
  const pool = {
    query: async (text: string, [jti]: [string]) => {
      if (text.startsWith('INSERT')) revoked.add(jti);
      else counts.checks++;
      return { rows: [], rowCount: text.startsWith('SELECT') && revoked.has(jti) ? 1 : 0 };
    },
  } as unknown as pg.Pool;
  return { pool, counts };
}

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('Tokens', () => {
  it('checks the revocation of a token once while it is trusted', async () => {
    const { pool, counts } = memoryPool();
    const tokens = new Tokens(SECRET, pool);
    const { token } = await tokens.issue('alice', ['auditor']);
    expect(await tokens.verify(token)).toEqual({ id: 'alice', roles: ['auditor'], credential: 'token' });
    expect(await tokens.verify(token)).toBeDefined();
    expect(counts.checks).toBe(1);
  });

  it('refuses a token revoked through it at once', async () => {
    const { pool } = memoryPool();
    const tokens = new Tokens(SECRET, pool);
    const { token, jti } = await tokens.issue('alice', ['auditor']);
    await tokens.verify(token);
    await tokens.revoke(jti);
    expect(await tokens.verify(token)).toBeUndefined();
  });
});
