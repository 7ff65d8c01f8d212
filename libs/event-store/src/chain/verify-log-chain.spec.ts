import { beforeEach, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { MemoryLog } from '../../test/eventstoredb-memory-log.js';
import type { RecordedEvent } from '../event-store.js';
import { chainHash, GENESIS_HASH } from './chain-hash.js';
import { ChainTail } from './chain-tail.js';
import type { ChainCheckpoint } from './checkpoint.js';
import { createCheckpointSigner, type SigningKey } from './signing.js';
import { verifyLogChain } from './verify-log-chain.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');

/** Chains the log and signs a checkpoint every `every` events and at its end, as a sealer would. */
function seal(events: readonly RecordedEvent[], every: number, key: SigningKey = privateKey): ChainCheckpoint[] {
  const signer = createCheckpointSigner(key);
  const checkpoints: ChainCheckpoint[] = [];
  let tail = new ChainTail();
  const sign = () => {
    const checkpoint = tail.sign(signer, new Date('2026-02-01T00:00:00Z'))!;
    checkpoints.push(checkpoint);
    tail = new ChainTail(checkpoint);
  };
  for (const event of events) {
    tail.add(event);
    if (tail.pending === every) sign();
  }
  if (tail.pending > 0) sign();
  return checkpoints;
}

/**
 * A log of 30 events in three streams at sparse positions, checkpoints after events 8, 16, 24 and
 * 30; the specs edit it the way someone with write access to the store could, and expect
 * verification to name the first bad position.
 */
describe('verifyLogChain: a log checked against its signed checkpoints only', () => {
  let log: MemoryLog;
  let checkpoints: ChainCheckpoint[];
  const at = (index: number) => log.events[index]!.globalPosition;
  const verify = (options: { keys?: SigningKey[] } = {}) =>
    verifyLogChain(log, checkpoints, { verificationKeys: options.keys ?? [publicKey], pageSize: 5 });
  const edit = (index: number, change: (event: RecordedEvent) => Partial<RecordedEvent>) => {
    log.events[index] = { ...log.events[index]!, ...change(log.events[index]!) };
  };

  beforeEach(() => {
    log = new MemoryLog();
    for (let i = 0; i < 30; i++) log.append(`agreement-${i % 3}`, { i, amount: i * 100 });
    checkpoints = seal(log.events, 8);
  });

  it('verifies the intact log up to its last checkpoint, whose hash it reports', async () => {
    const result = await verify();
    expect(result).toMatchObject({ intact: true, verifiedUpTo: at(29) });
    expect(result.checkpoints.map((c) => [c.position, c.signatureValid])).toEqual([
      [at(7), true],
      [at(15), true],
      [at(23), true],
      [at(29), true],
    ]);
    if (result.intact) expect(result.headHash).toBe(checkpoints[3]!.hash);
  });

  it('vouches for nothing after the last checkpoint', async () => {
    log.append('agreement-0', { late: true });
    expect(await verify()).toMatchObject({ intact: true, verifiedUpTo: at(29) });
  });

  it('verifies an empty log with no checkpoints', async () => {
    expect(await verifyLogChain(new MemoryLog(), [], { verificationKeys: [publicKey] })).toEqual({
      intact: true,
      verifiedUpTo: 0n,
      headHash: GENESIS_HASH.toString('hex'),
      checkpoints: [],
    });
  });

  it("detects one event's data changed", async () => {
    edit(11, (e) => ({ data: { ...e.data, amount: 1_000_000 } }));
    expect(await verify()).toMatchObject({
      intact: false,
      firstBadPosition: at(11),
      reason: 'changed',
      verifiedUpTo: at(10),
    });
  });

  it('detects a changed actor and a changed recorded-at', async () => {
    edit(19, (e) => ({ metadata: { ...e.metadata, actor: 'user:mallory' } }));
    expect(await verify()).toMatchObject({ intact: false, firstBadPosition: at(19), reason: 'changed' });
    edit(4, (e) => ({ recordedAt: new Date(e.recordedAt.getTime() - 86_400_000) }));
    expect(await verify()).toMatchObject({ intact: false, firstBadPosition: at(4), reason: 'changed' });
  });

  it('detects a deleted event, in the middle and at the end', async () => {
    const last = at(29);
    log.events.splice(29, 1);
    expect(await verify()).toMatchObject({ intact: false, firstBadPosition: last, reason: 'missing' });
    const middle = at(11);
    log.events.splice(11, 1);
    expect(await verify()).toMatchObject({
      intact: false,
      firstBadPosition: middle,
      reason: 'missing',
      verifiedUpTo: at(10),
    });
  });

  it('detects a forged event inserted between two sealed ones', async () => {
    const forged = { ...log.events[11]!, eventId: 'forged', globalPosition: at(11) + 1n };
    log.events.splice(12, 0, forged);
    expect(await verify()).toMatchObject({ intact: false, firstBadPosition: at(11) + 1n, reason: 'inserted' });
  });

  it('detects two events swapped', async () => {
    const [a, b] = [log.events[11]!, log.events[19]!];
    log.events[11] = { ...b, globalPosition: a.globalPosition };
    log.events[19] = { ...a, globalPosition: b.globalPosition };
    const result = await verify();
    expect(result).toMatchObject({ intact: false, firstBadPosition: a.globalPosition, reason: 'reordered' });
    if (!result.intact) expect(result.detail).toMatch(/version 6 of stream agreement-1, which has 4 events before it/);
  });

  it('catches a rewrite with recomputed hashes through the signed checkpoints', async () => {
    edit(11, (e) => ({ data: { ...e.data, amount: 1 } }));
    // The attacker recomputes the chain and puts the new head hash into the last checkpoint: the
    // entries of the one at event 16 still tell event 12 was altered.
    let previous = GENESIS_HASH;
    const hashes = new Map(log.events.map((event) => [event.globalPosition, (previous = chainHash(previous, event))]));
    const sealed = checkpoints;
    checkpoints = sealed.map((c, i) => (i === 3 ? { ...c, hash: hashes.get(c.position)!.toString('hex') } : c));
    expect(await verify()).toMatchObject({ intact: false, firstBadPosition: at(11), reason: 'changed' });
    // Altering every checkpoint after the change breaks their signatures: nothing past the intact one holds.
    checkpoints = sealed.map((c, i) => (i > 0 ? { ...c, hash: hashes.get(c.position)!.toString('hex') } : c));
    expect(await verify()).toMatchObject({
      intact: false,
      firstBadPosition: at(15),
      reason: 'checkpoint',
      verifiedUpTo: at(7),
    });
  });

  it('rejects checkpoints re-signed with another key after a rewrite', async () => {
    edit(11, (e) => ({ data: { ...e.data, amount: 1 } }));
    checkpoints = seal(log.events, 8, generateKeyPairSync('ed25519').privateKey);
    const result = await verify();
    expect(result).toMatchObject({ intact: false, firstBadPosition: at(7), reason: 'checkpoint', verifiedUpTo: 0n });
    expect(result.checkpoints.every((c) => !c.signatureValid)).toBe(true);
  });

  it('detects a removed checkpoint, a replayed one, and reports damage to their record', async () => {
    const all = checkpoints;
    checkpoints = [all[0]!, all[2]!, all[3]!];
    expect(await verify()).toMatchObject({
      intact: false,
      firstBadPosition: at(15),
      reason: 'checkpoint',
      verifiedUpTo: at(7),
    });
    checkpoints = [...all, all[1]!];
    expect(await verify()).toMatchObject({
      intact: false,
      firstBadPosition: at(29) + 1n,
      reason: 'checkpoint',
      verifiedUpTo: at(29),
    });
    checkpoints = all;
    const damaged = await verifyLogChain(log, checkpoints, {
      verificationKeys: [publicKey],
      checkpointDamage: [{ position: at(20), detail: 'checkpoints 2 to 3 of the stream are gone' }],
    });
    expect(damaged).toMatchObject({
      intact: false,
      firstBadPosition: at(20),
      reason: 'checkpoint',
      detail: 'checkpoints 2 to 3 of the stream are gone',
      verifiedUpTo: at(19),
    });
  });

  it('detects a tampered signature and an unknown key, and accepts HMAC with the same secret only', async () => {
    checkpoints[1] = { ...checkpoints[1]!, signedAt: new Date('2026-02-02T00:00:00Z') };
    expect(await verify()).toMatchObject({ intact: false, firstBadPosition: at(15), reason: 'checkpoint' });
    const secret = 'a-dev-secret-that-is-long-enough-0123456789';
    checkpoints = seal(log.events, 8, secret);
    expect(await verify({ keys: [secret] })).toMatchObject({ intact: true, verifiedUpTo: at(29) });
    const other = await verify({ keys: [`${secret}-other`] });
    expect(other).toMatchObject({ intact: false, reason: 'checkpoint' });
    if (!other.intact) expect(other.detail).toMatch(/unknown key/);
  });
});
