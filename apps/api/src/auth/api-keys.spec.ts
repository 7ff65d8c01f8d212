import { describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { ApiKeys, type StoredKey } from './api-keys.js';
import { VerifiedCredentials } from './verified-credentials.js';

/** The api_keys table in memory, answering the two statements ApiKeys runs, and counting the look-ups. */
class MemoryKeys {
  readonly rows = new Map<string, { role: string; secret_sha256: Buffer; revoked: boolean }>();
  lookUps = 0;

  readonly pool = {
    query: async (config: string | { text: string; values: unknown[] }, values?: unknown[]) => {
      const text = typeof config === 'string' ? config : config.text;
      const [first, ...rest] = (typeof config === 'string' ? values : config.values) ?? [];
      if (text.startsWith('INSERT')) {
        this.rows.set(first as string, { role: rest[1] as string, secret_sha256: rest[2] as Buffer, revoked: false });
        return { rows: [], rowCount: 1 };
      }
      if (text.startsWith('UPDATE')) {
        this.rows.get(first as string)!.revoked = true;
        return { rows: [], rowCount: 1 };
      }
      this.lookUps++;
      const row = this.rows.get(first as string);
      return { rows: row && !row.revoked ? [row] : [], rowCount: row && !row.revoked ? 1 : 0 };
    },
  } as unknown as pg.Pool;
}

function setUp() {
  const table = new MemoryKeys();
  let now = 0;
  const keys = new ApiKeys(table.pool, new VerifiedCredentials<StoredKey>(5_000, () => now));
  return { table, keys, elapse: (ms: number) => (now += ms) };
}

describe('ApiKeys', () => {
  it('looks a key up once while it is trusted, and checks its secret every time', async () => {
    const { table, keys } = setUp();
    const { id, key } = await keys.create('operator', 'probe');
    expect(await keys.verify(key)).toEqual({ id: `key:${id}`, roles: ['operator'], credential: 'api-key' });
    expect(await keys.verify(key)).toBeDefined();
    expect(await keys.verify(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`)).toBeUndefined();
    expect(table.lookUps).toBe(1);
  });

  it('refuses a key revoked through it at once', async () => {
    const { keys } = setUp();
    const { id, key } = await keys.create('operator', 'probe');
    await keys.verify(key);
    await keys.revoke(id);
    expect(await keys.verify(key)).toBeUndefined();
  });

  it('refuses a key revoked elsewhere once the trust period has passed', async () => {
    const { table, keys, elapse } = setUp();
    const { id, key } = await keys.create('operator', 'probe');
    await keys.verify(key);
    await new ApiKeys(table.pool).revoke(id);
    elapse(4_999);
    expect(await keys.verify(key)).toBeDefined();
    elapse(1);
    expect(await keys.verify(key)).toBeUndefined();
  });
});
