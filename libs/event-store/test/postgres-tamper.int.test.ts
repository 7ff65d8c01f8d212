import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { compile } from '../../../test/support/service-process.js';
import { chainHash, GENESIS_HASH } from '../src/chain/chain-hash.js';
import { ChainSealer } from '../src/chain/chain-sealer.js';
import { verifyChain } from '../src/chain/verify-chain.js';
import type { NewEvent } from '../src/event-store.js';
import { startPostgresHarness, type PostgresHarness } from './postgres-harness.js';

/**
 * Edits the rows of a sealed log with SQL, the way someone with database access could, and checks
 * that verification notices and names the first bad position. The log: 30 events at positions
 * 1..14 and 16..31 (15 was taken by an append that rolled back), checkpoints every 8 events.
 */
describe('PostgreSQL hash chain: tamper evidence', () => {
  let harness: PostgresHarness;

  const newEvent = (i: number): NewEvent => ({
    eventId: randomUUID(),
    type: i % 2 ? 'SlaTargetMeasured' : 'SupplierContractAmended',
    schemaVersion: 1,
    data: { i, amount: i * 100, note: `event ${i}` },
    metadata: { actor: 'user:auditor', correlationId: randomUUID(), causationId: randomUUID(), clauses: ['8.3.3'] },
  });

  beforeEach(async () => {
    harness = await startPostgresHarness({ sealer: { checkpointEvery: 8 } });
    for (let i = 0; i < 30; i++) {
      if (i === 14) await harness.pool.query(`SELECT nextval('events_global_position_seq')`);
      await harness.store.appendToStream(`agreement-${i % 3}`, [newEvent(i)], { expectedVersion: 'any' });
    }
    await harness.sealer.sealPending();
    await harness.sealer.checkpoint();
  });

  afterEach(async () => {
    await harness?.teardown();
  });

  const sql = (text: string, values: unknown[] = []) => harness.pool.query(text, values);

  it('verifies the intact log against its signed checkpoints', async () => {
    const result = await harness.verify();
    expect(result).toMatchObject({ intact: true, verifiedUpTo: 31n });
    expect(result.checkpoints.map((c) => [c.position, c.signatureValid])).toEqual([
      [8n, true],
      [17n, true],
      [25n, true],
      [31n, true],
    ]);
    if (result.intact) expect(result.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  describe('with its stretches in worker threads (the built code)', () => {
    let outDir: string;
    beforeAll(async () => {
      outDir = await compile('verify-in-threads', [
        'libs/event-store/test/fixtures/verify-in-threads.ts',
        'libs/event-store/src/chain/verify-stretch-worker.ts',
      ]);
    }, 180_000);

    const inThreads = async (threads: number) => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [path.join(outDir, 'libs/event-store/test/fixtures/verify-in-threads.js')],
        {
          env: {
            ...process.env,
            THREADS: String(threads),
            DATABASE_URL: harness.database.url,
            PUBLIC_KEY: harness.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          },
        },
      );
      return JSON.parse(stdout) as unknown;
    };
    const asJson = (value: unknown) =>
      JSON.parse(JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}` : item)));

    it('gives the verdict of one walk, intact or not, from several threads or one', async () => {
      for (const threads of [3, 1]) expect(await inThreads(threads)).toEqual(asJson(await harness.verify()));
      await sql(`UPDATE events SET data = jsonb_set(data, '{amount}', '1') WHERE global_position = 20`);
      for (const threads of [3, 1]) {
        const verdict = await inThreads(threads);
        expect(verdict).toMatchObject({ intact: false, firstBadPosition: '20', reason: 'changed' });
        expect(verdict).toEqual(asJson(await harness.verify()));
      }
    });
  });

  it("detects one event's data changed", async () => {
    await sql(`UPDATE events SET data = jsonb_set(data, '{amount}', '1000000') WHERE global_position = 12`);
    expect(await harness.verify()).toMatchObject({
      intact: false,
      firstBadPosition: 12n,
      reason: 'changed',
      verifiedUpTo: 11n,
    });
  });

  it('detects a changed metadata field and a changed recorded-at', async () => {
    await sql(
      `UPDATE events SET metadata = jsonb_set(metadata, '{actor}', '"user:mallory"') WHERE global_position = 20`,
    );
    expect(await harness.verify()).toMatchObject({ intact: false, firstBadPosition: 20n, reason: 'changed' });
    await sql(`UPDATE events SET recorded_at = recorded_at - interval '1 day' WHERE global_position = 5`);
    expect(await harness.verify()).toMatchObject({ intact: false, firstBadPosition: 5n, reason: 'changed' });
  });

  it('verifies events whose JSON PostgreSQL writes in another form, and catches a change in them', async () => {
    const awkward: NewEvent = {
      ...newEvent(40),
      data: {
        note: 'quotes " and \\ backslashes,\ttabs,\nlines, é, 😀 and \u2028',
        'key "quoted"': { b: 1, a: [1.5, -0, 1e21, 0.1, null, true] },
        B: 'upper before lower',
        a: 'a short key sorts before longer ones in jsonb, not here',
        aa: 2,
      },
    };
    await harness.store.appendToStream('agreement-awkward', [awkward], { expectedVersion: 'no-stream' });
    await harness.sealer.checkpoint();
    expect(await harness.verify()).toMatchObject({ intact: true, verifiedUpTo: 32n });
    await sql(
      `UPDATE events SET data = jsonb_set(data, '{note}', to_jsonb((data->>'note') || ' ')) WHERE global_position = 32`,
    );
    expect(await harness.verify()).toMatchObject({ intact: false, firstBadPosition: 32n, reason: 'changed' });
  });

  it('detects a deleted event', async () => {
    await sql('DELETE FROM events WHERE global_position = 12');
    expect(await harness.verify()).toMatchObject({ intact: false, firstBadPosition: 12n, reason: 'missing' });
  });

  it('detects a deleted event whose hash was deleted too', async () => {
    await sql('DELETE FROM events WHERE global_position = 12');
    await sql('DELETE FROM event_hashes WHERE global_position = 12');
    expect(await harness.verify()).toMatchObject({ intact: false, firstBadPosition: 12n, reason: 'missing' });
  });

  it('detects a forged event inserted into a free position', async () => {
    const forged = newEvent(99);
    await sql(
      `INSERT INTO events (global_position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at)
       SELECT 15, 'agreement-forged', 0, $1, $2, 1, $3, $4, recorded_at FROM events WHERE global_position = 14`,
      [forged.eventId, forged.type, forged.data, forged.metadata],
    );
    expect(await harness.verify()).toMatchObject({ intact: false, firstBadPosition: 15n, reason: 'inserted' });
  });

  it('detects a forged event inserted before the start of the log', async () => {
    const forged = newEvent(98);
    await sql('ALTER TABLE events DROP CONSTRAINT events_global_position_check');
    await sql(
      `INSERT INTO events (global_position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
       VALUES (0, 'agreement-forged', 0, $1, $2, 1, $3, $4)`,
      [forged.eventId, forged.type, forged.data, forged.metadata],
    );
    expect(await harness.verify()).toMatchObject({ intact: false, firstBadPosition: 0n, reason: 'inserted' });
  });

  it('detects two events swapped', async () => {
    await sql('UPDATE events SET global_position = 1000 WHERE global_position = 12');
    await sql('UPDATE events SET global_position = 12 WHERE global_position = 20');
    await sql('UPDATE events SET global_position = 20 WHERE global_position = 1000');
    expect(await harness.verify()).toMatchObject({ intact: false, firstBadPosition: 12n, reason: 'reordered' });
  });

  it('catches a rewrite with recomputed hashes through the signed checkpoints', async () => {
    await sql(`UPDATE events SET data = jsonb_set(data, '{amount}', '1') WHERE global_position = 12`);
    // Recompute the whole chain over the altered log, as an attacker with the code would.
    const events = await harness.store.readAll();
    let previous = GENESIS_HASH;
    for (const event of events) {
      previous = chainHash(previous, event);
      await sql('UPDATE event_hashes SET hash = $2 WHERE global_position = $1', [
        event.globalPosition.toString(),
        previous,
      ]);
    }
    await sql('UPDATE event_checkpoints SET hash = $1 WHERE position = 31', [previous]);
    const result = await harness.verify();
    expect(result).toMatchObject({ intact: false, firstBadPosition: 12n, reason: 'changed' });
    // Without the checkpoints the rewritten chain is self-consistent: they are what catches it.
    await sql('DELETE FROM event_checkpoints');
    expect(await harness.verify()).toMatchObject({ intact: true });
  });

  it('verifies a stretch of the log between the signed checkpoints around it', async () => {
    expect(await harness.verify({ from: 19n, to: 22n })).toMatchObject({
      intact: true,
      verifiedFrom: 17n,
      verifiedUpTo: 25n,
    });
    // Outside the stretch is left to a check of the whole log.
    await sql(`UPDATE events SET data = jsonb_set(data, '{amount}', '1') WHERE global_position = 5`);
    expect(await harness.verify({ from: 19n, to: 22n })).toMatchObject({ intact: true });
    expect(await harness.verify()).toMatchObject({ intact: false, firstBadPosition: 5n });
  });

  it('catches a change inside a stretch, even with the hashes recomputed', async () => {
    await sql(`UPDATE events SET data = jsonb_set(data, '{amount}', '1') WHERE global_position = 20`);
    expect(await harness.verify({ from: 19n, to: 22n })).toMatchObject({
      intact: false,
      firstBadPosition: 20n,
      reason: 'changed',
    });
    let previous = GENESIS_HASH;
    for (const event of await harness.store.readAll()) {
      previous = chainHash(previous, event);
      await sql('UPDATE event_hashes SET hash = $2 WHERE global_position = $1', [
        event.globalPosition.toString(),
        previous,
      ]);
    }
    expect(await harness.verify({ from: 19n, to: 22n })).toMatchObject({
      intact: false,
      firstBadPosition: 20n,
      reason: 'changed',
    });
  });

  it('rejects checkpoints re-signed with another key after a rewrite', async () => {
    await sql(`UPDATE events SET data = jsonb_set(data, '{amount}', '1') WHERE global_position = 12`);
    await sql('DELETE FROM event_hashes');
    await sql('DELETE FROM event_checkpoints');
    const forger = new ChainSealer(harness.pool, {
      signingKey: generateKeyPairSync('ed25519').privateKey,
      checkpointEvery: 8,
    });
    await forger.sealPending();
    await forger.checkpoint();
    const result = await harness.verify();
    expect(result).toMatchObject({ intact: false, firstBadPosition: 8n, reason: 'checkpoint' });
    expect(result.checkpoints.every((c) => !c.signatureValid)).toBe(true);
  });

  it('detects a deleted checkpoint and a tampered signature', async () => {
    await sql('DELETE FROM event_checkpoints WHERE position = 17');
    expect(await harness.verify()).toMatchObject({ intact: false, firstBadPosition: 17n, reason: 'checkpoint' });
    await sql(`UPDATE event_checkpoints SET signed_at = signed_at + interval '1 second' WHERE position = 8`);
    expect(await harness.verify()).toMatchObject({ intact: false, firstBadPosition: 8n, reason: 'checkpoint' });
  });

  it('accepts HMAC-signed checkpoints with the same secret only', async () => {
    const secret = 'a-dev-secret-that-is-long-enough-0123456789';
    await sql('DELETE FROM event_checkpoints');
    const hmacSealer = new ChainSealer(harness.pool, { signingKey: secret, checkpointEvery: 8 });
    await hmacSealer.checkpoint();
    expect(await verifyChain(harness.pool, { verificationKeys: [secret] })).toMatchObject({
      intact: true,
      verifiedUpTo: 31n,
    });
    expect(await verifyChain(harness.pool, { verificationKeys: [`${secret}-other`] })).toMatchObject({
      intact: false,
      reason: 'checkpoint',
    });
  });
});
