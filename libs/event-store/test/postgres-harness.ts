import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { expect } from '@jest/globals';
import pg from 'pg';
import { createDataSource } from '../../../apps/api/src/database/database.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { ChainSealer, type ChainSealerOptions } from '../src/chain/chain-sealer.js';
import { verifyChain, type ChainVerification } from '../src/chain/verify-chain.js';
import { verifyChainInParallel } from '../src/chain/verify-chain-in-parallel.js';
import { eventStoreMigrations } from '../src/postgres/migrations/index.js';
import { PostgresEventStore, type PostgresEventStoreOptions } from '../src/postgres/postgres-event-store.js';

export interface PostgresHarness {
  readonly database: TestDatabase;
  readonly pool: pg.Pool;
  readonly store: PostgresEventStore;
  readonly sealer: ChainSealer;
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
  verify(range?: { from: bigint; to: bigint }): Promise<ChainVerification>;
  teardown(): Promise<void>;
}

/** A fresh database with the event store's schema, a store, and a sealer signing with a fresh Ed25519 key. */
export async function startPostgresHarness(
  options: { store?: PostgresEventStoreOptions; sealer?: Partial<ChainSealerOptions> } = {},
): Promise<PostgresHarness> {
  const database = await createTestDatabase('event_store');
  const dataSource = createDataSource(database.url, eventStoreMigrations);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  const pool = new pg.Pool({ connectionString: database.url, max: 12 });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const store = new PostgresEventStore(pool, { pollIntervalMs: 250, ...options.store });
  const sealer = new ChainSealer(pool, { signingKey: privateKey, ...options.sealer });
  return {
    database,
    pool,
    store,
    sealer,
    publicKey,
    privateKey,
    async verify(range) {
      const options = { verificationKeys: [publicKey], ...(range ? { range } : {}) };
      const walk = await verifyChain(pool, options);
      // The log cut into stretches of a few events must give the very same verdict.
      expect(await verifyChainInParallel(pool, { ...options, threads: 3, minStretchEvents: 4 })).toEqual(walk);
      return walk;
    },
    async teardown() {
      await sealer.stop();
      await store.close();
      await pool.end();
      await database.drop();
    },
  };
}
