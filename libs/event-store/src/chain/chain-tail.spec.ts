import { describe, expect, it } from '@jest/globals';
import { MemoryLog } from '../../test/eventstoredb-memory-log.js';
import { chainHash, encodeEntries, GENESIS_HASH } from './chain-hash.js';
import { ChainTail } from './chain-tail.js';
import { checkpointPayload } from './checkpoint.js';
import { createCheckpointSigner, createCheckpointVerifier } from './signing.js';

const secret = 'a-dev-secret-that-is-long-enough-0123456789';
const signer = createCheckpointSigner(secret);
const signedAt = new Date('2026-02-01T00:00:00Z');

describe('ChainTail', () => {
  it('chains events from the start and signs a checkpoint listing each one', () => {
    const log = new MemoryLog();
    const [a, b] = [log.append('sla-1', { n: 1 }), log.append('sla-2', { n: 2 })];
    const tail = new ChainTail();
    expect(tail.sign(signer, signedAt)).toBeUndefined();
    tail.add(a);
    tail.add(b);
    expect([tail.position, tail.pending]).toEqual([b.globalPosition, 2]);

    const hashA = chainHash(GENESIS_HASH, a);
    const hashB = chainHash(hashA, b);
    const checkpoint = tail.sign(signer, signedAt)!;
    expect(checkpoint).toMatchObject({
      position: b.globalPosition,
      previousPosition: 0n,
      hash: hashB.toString('hex'),
      entries: encodeEntries([
        { position: a.globalPosition, hash: hashA },
        { position: b.globalPosition, hash: hashB },
      ]),
      algorithm: 'hmac-sha256',
      keyId: signer.keyId,
    });
    const { signature, ...unsigned } = checkpoint;
    expect(createCheckpointVerifier(secret).verify(checkpointPayload(unsigned), Buffer.from(signature, 'base64'))).toBe(
      true,
    );
  });

  it('goes on after a checkpoint, and refuses an event that does not come after the last', () => {
    const log = new MemoryLog();
    const [a, b] = [log.append('sla-1', { n: 1 }), log.append('sla-1', { n: 2 })];
    const first = new ChainTail();
    first.add(a);
    const checkpoint = first.sign(signer, signedAt)!;
    const next = new ChainTail(checkpoint);
    expect([next.position, next.pending]).toEqual([a.globalPosition, 0]);
    expect(() => next.add(a)).toThrow(RangeError);
    next.add(b);
    expect(next.sign(signer, signedAt)).toMatchObject({
      previousPosition: a.globalPosition,
      position: b.globalPosition,
      hash: chainHash(chainHash(GENESIS_HASH, a), b).toString('hex'),
    });
  });
});
