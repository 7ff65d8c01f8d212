import { beforeEach, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MemoryLog } from '../../test/eventstoredb-memory-log.js';
import { EventStoreDbChainSealer } from './chain-sealer.js';
import { verifyEventStoreDbChain } from './verify-chain.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');

describe('EventStoreDbChainSealer over a log in memory', () => {
  let log: MemoryLog;
  const sealer = (checkpointEvery = 5) => new EventStoreDbChainSealer(log, { signingKey: privateKey, checkpointEvery });
  const append = (count: number) => {
    for (let i = 0; i < count; i++) log.append(`agreement-${log.events.length % 3}`, { n: log.events.length });
  };
  const at = (index: number) => log.events[index]!.globalPosition;
  const checkpointPositions = () => log.chainCheckpoints.checkpoints().map((c) => [c.previousPosition, c.position]);
  const verify = () => verifyEventStoreDbChain(log, { verificationKeys: [publicKey] });

  beforeEach(() => {
    log = new MemoryLog();
  });

  it('signs a checkpoint every N events, and the rest on demand', async () => {
    append(12);
    const chain = sealer();
    expect(await chain.sealPending()).toEqual({ checkpointedUpTo: at(9), chainedUpTo: at(11), pending: 2 });
    expect(checkpointPositions()).toEqual([
      [0n, at(4)],
      [at(4), at(9)],
    ]);
    expect((await chain.checkpoint())?.position).toBe(at(11));
    expect((await chain.checkpoint())?.position).toBe(at(11));
    expect(checkpointPositions()).toHaveLength(3);
    expect(await verify()).toMatchObject({ intact: true, verifiedUpTo: at(11) });
  });

  it('has nothing to sign for an empty log', async () => {
    expect(await sealer().checkpoint()).toBeUndefined();
    expect(log.chainCheckpoints.events).toEqual([]);
  });

  it('resumes from the last checkpoint in the stream, not from memory', async () => {
    append(7);
    await sealer().sealPending();
    append(4);
    const restarted = sealer();
    await restarted.checkpoint();
    expect(checkpointPositions()).toEqual([
      [0n, at(4)],
      [at(4), at(9)],
      [at(9), at(10)],
    ]);
    expect(await verify()).toMatchObject({ intact: true, verifiedUpTo: at(10) });
  });

  it('lets two sealers race: the one that loses goes on from the winner’s checkpoint', async () => {
    append(7);
    const first = sealer();
    const second = sealer();
    await first.sealPending();
    await second.checkpoint();
    append(6);
    expect(await first.sealPending()).toEqual({ checkpointedUpTo: at(11), chainedUpTo: at(12), pending: 1 });
    expect(checkpointPositions()).toEqual([
      [0n, at(4)],
      [at(4), at(6)],
      [at(6), at(11)],
    ]);
    expect(await verify()).toMatchObject({ intact: true, verifiedUpTo: at(11) });
  });

  it('follows the log in the background until stopped', async () => {
    append(3);
    const errors: unknown[] = [];
    const chain = new EventStoreDbChainSealer(log, {
      signingKey: privateKey,
      checkpointEvery: 4,
      onError: (error) => errors.push(error),
    });
    chain.start();
    append(6);
    for (let i = 0; i < 100 && chain.progress().chainedUpTo < at(8); i++) await sleep(5);
    await chain.stop();
    append(4);
    await sleep(20);
    expect(errors).toEqual([]);
    expect(chain.progress()).toEqual({ checkpointedUpTo: at(7), chainedUpTo: at(8), pending: 1 });
    expect(checkpointPositions()).toEqual([
      [0n, at(3)],
      [at(3), at(7)],
    ]);
  });

  it('makes verification find a changed event and checkpoints truncated from the stream', async () => {
    append(12);
    await sealer().checkpoint();
    const original = log.events[6]!;
    log.events[6] = { ...original, data: { n: 'altered' } };
    expect(await verify()).toMatchObject({ intact: false, firstBadPosition: at(6), reason: 'changed' });
    log.events[6] = original;
    log.chainCheckpoints.events.shift();
    expect(await verify()).toMatchObject({
      intact: false,
      firstBadPosition: 0n,
      reason: 'checkpoint',
      detail: 'checkpoints 0 to 0 of $test-audit-chain-checkpoints are gone',
      verifiedUpTo: 0n,
    });
  });
});
