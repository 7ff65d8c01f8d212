import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventStoreDBClient, FORWARDS, jsonEvent, type RecordedEvent } from '@eventstore/db-client';
import type { NewEvent } from '../src/event-store.js';
import {
  CHECKPOINT_EVENT_TYPE,
  EventStoreDbChainSealer,
  EventStoreDbEventStore,
  verifyEventStoreDbChain,
} from '../src/eventstoredb/index.js';

/**
 * The hash chain of the EventStoreDB adapter against a live server given by
 * EVENTSTORE_CONNECTION_STRING (see libs/event-store/EVENTSTOREDB.md): signed checkpoints in the
 * store's `$` stream, and verification after what someone with write access to the server can do.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const { privateKey, publicKey } = generateKeyPairSync('ed25519');

const newEvent = (i: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'SupplierContractAmended',
  schemaVersion: 1,
  data: { i, amount: i * 100 },
  metadata: { actor: 'user:auditor', correlationId: randomUUID(), causationId: randomUUID(), clauses: ['8.3.4.1'] },
});

if (!connectionString) {
  console.info('EventStoreDB chain tests SKIPPED: EVENTSTORE_CONNECTION_STRING is not set.');
  describe.skip('EventStoreDB hash chain (skipped: EVENTSTORE_CONNECTION_STRING is not set)', () => {
    it('seals $all into signed checkpoints and verifies them against a live server', () => undefined);
  });
} else {
  describe('EventStoreDB hash chain: signed checkpoints and tamper evidence', () => {
    let client: EventStoreDBClient;
    let store: EventStoreDbEventStore;
    let positions: bigint[];
    const verify = () => verifyEventStoreDbChain(store, { verificationKeys: [publicKey] });
    const sealer = (checkpointEvery = 4) =>
      new EventStoreDbChainSealer(store, { signingKey: privateKey, checkpointEvery });

    beforeAll(() => {
      client = EventStoreDBClient.connectionString(connectionString);
    });

    afterAll(async () => {
      await client?.dispose();
    });

    beforeEach(async () => {
      store = new EventStoreDbEventStore({ client, streamPrefix: `test-chain-${randomUUID().slice(0, 8)}-` });
      positions = [];
      for (let i = 0; i < 10; i++) {
        const result = await store.appendToStream(`contract-${i % 2}`, [newEvent(i)], { expectedVersion: 'any' });
        positions.push(...result.positions);
      }
      await sealer().checkpoint();
    });

    afterEach(async () => {
      await store.close();
    });

    it('keeps signed checkpoints in its own $ stream, out of the store’s $all', async () => {
      const recorded: (RecordedEvent | undefined)[] = [];
      for await (const { event } of client.readStream(store.chainCheckpoints.name, { direction: FORWARDS })) {
        recorded.push(event);
      }
      expect(store.chainCheckpoints.name).toMatch(/^\$test-chain-.+audit-chain-checkpoints$/);
      expect(recorded.map((e) => [e?.type, (e?.data as { position: string }).position])).toEqual([
        [CHECKPOINT_EVENT_TYPE, positions[3]!.toString()],
        [CHECKPOINT_EVENT_TYPE, positions[7]!.toString()],
        [CHECKPOINT_EVENT_TYPE, positions[9]!.toString()],
      ]);
      expect((await store.readAll()).map((e) => e.globalPosition)).toEqual(positions);
      expect(await verify()).toMatchObject({ intact: true, verifiedUpTo: positions[9] });
    });

    it('follows $all in the background, and a restarted sealer resumes from its checkpoint', async () => {
      const following = sealer(3);
      following.start();
      for (let i = 10; i < 16; i++) {
        positions.push(
          ...(await store.appendToStream('contract-2', [newEvent(i)], { expectedVersion: 'any' })).positions,
        );
      }
      for (let i = 0; i < 200 && following.progress().chainedUpTo < positions[15]!; i++) await sleep(25);
      await following.stop();
      expect(following.progress()).toEqual({ checkpointedUpTo: positions[15], chainedUpTo: positions[15], pending: 0 });
      expect((await sealer().checkpoint())?.position).toBe(positions[15]);
      expect(await verify()).toMatchObject({ intact: true, verifiedUpTo: positions[15] });
    });

    it('lets two sealers race for the same checkpoint stream', async () => {
      for (let i = 10; i < 20; i++) await store.appendToStream('contract-3', [newEvent(i)], { expectedVersion: 'any' });
      await Promise.all([sealer(3).checkpoint(), sealer(5).checkpoint()]);
      expect(await verify()).toMatchObject({ intact: true, verifiedUpTo: await store.headPosition() });
    });

    it('detects a checkpoint forged with another key, garbage in the stream, hidden and deleted checkpoints', async () => {
      const forger = new EventStoreDbChainSealer(store, {
        signingKey: generateKeyPairSync('ed25519').privateKey,
        checkpointEvery: 4,
      });
      await store.appendToStream('contract-0', [newEvent(10)], { expectedVersion: 'any' });
      const forged = await forger.checkpoint();
      expect(await verify()).toMatchObject({ intact: false, firstBadPosition: forged!.position, reason: 'checkpoint' });

      await client.appendToStream(store.chainCheckpoints.name, jsonEvent({ type: 'Noise', data: { at: 'end' } }));
      expect(await verify()).toMatchObject({ intact: false, reason: 'checkpoint' });

      await client.setStreamMetadata(store.chainCheckpoints.name, { truncateBefore: 1 });
      expect(await verify()).toMatchObject({ intact: false, firstBadPosition: 0n, reason: 'checkpoint' });

      await client.tombstoneStream(store.chainCheckpoints.name);
      const deleted = await verify();
      expect(deleted).toMatchObject({ intact: false, firstBadPosition: 0n, reason: 'checkpoint' });
      if (!deleted.intact) expect(deleted.detail).toMatch(/was deleted/);
    });

    it('detects a sealed stream deleted once its events are gone from $all', async () => {
      await client.deleteStream(`${store.naming.prefix}contract-1`);
      const visible = (await store.readAllAsStored()).map((e) => e.globalPosition);
      const result = await verify();
      // A soft delete hides the stream from reads of it; $all may show its events until a scavenge.
      if (visible.length === positions.length) expect(result).toMatchObject({ intact: true });
      else expect(result).toMatchObject({ intact: false, firstBadPosition: positions[1], reason: 'missing' });
    });
  });
}
