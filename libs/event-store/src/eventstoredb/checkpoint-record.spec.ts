import { describe, expect, it } from '@jest/globals';
import { ChainTail } from '../chain/chain-tail.js';
import { checkpointToJson } from '../chain/checkpoint-json.js';
import { createCheckpointSigner } from '../chain/signing.js';
import { MemoryLog } from '../../test/eventstoredb-memory-log.js';
import {
  CHECKPOINT_EVENT_TYPE,
  checkpointStreamName,
  readCheckpointRecord,
  toCheckpointEvent,
  type CheckpointEvent,
} from './checkpoint-record.js';
import { StreamNaming } from './mapping.js';

const signer = createCheckpointSigner('a-dev-secret-that-is-long-enough-0123456789');

/** Three checkpoints of one event each, as recorded at revisions 0, 1 and 2. */
function recorded() {
  const log = new MemoryLog();
  let tail = new ChainTail();
  return [0, 1, 2].map((i) => {
    tail.add(log.append('sla-1', { i }));
    const checkpoint = tail.sign(signer, new Date('2026-02-01T00:00:00Z'))!;
    tail = new ChainTail(checkpoint);
    const event: CheckpointEvent = {
      revision: BigInt(i),
      type: CHECKPOINT_EVENT_TYPE,
      data: checkpointToJson(checkpoint),
    };
    return { checkpoint, event };
  });
}

describe('the EventStoreDB checkpoint stream', () => {
  it("is named after the store's prefix in the $ namespace", () => {
    expect(checkpointStreamName(new StreamNaming())).toBe('$audit-chain-checkpoints');
    expect(checkpointStreamName(new StreamNaming('prod-'))).toBe('$prod-audit-chain-checkpoints');
  });

  it('holds each checkpoint as a JSON event in the format of evidence packs', () => {
    const [{ checkpoint }] = recorded();
    const event = toCheckpointEvent(checkpoint!);
    expect(event).toMatchObject({
      type: 'ChainCheckpointSigned',
      contentType: 'application/json',
      data: checkpointToJson(checkpoint!),
    });
  });

  it('reads the checkpoints back in order when nothing is missing', () => {
    const all = recorded();
    expect(
      readCheckpointRecord(
        's',
        all.map((r) => r.event),
        undefined,
      ),
    ).toEqual({
      checkpoints: all.map((r) => r.checkpoint),
      damage: [],
    });
    expect(readCheckpointRecord('s', [], {})).toEqual({ checkpoints: [], damage: [] });
  });

  it('reports checkpoints truncated from the start, a gap, and retention metadata', () => {
    const [first, second, third] = recorded();
    expect(readCheckpointRecord('s', [second!.event, third!.event], undefined).damage).toEqual([
      { position: 0n, detail: 'checkpoints 0 to 0 of s are gone' },
    ]);
    expect(readCheckpointRecord('s', [first!.event, third!.event], undefined).damage).toEqual([
      { position: first!.checkpoint.position + 1n, detail: 'checkpoints 1 to 1 of s are gone' },
    ]);
    expect(readCheckpointRecord('s', [], { truncateBefore: 3, maxCount: 10 }).damage).toEqual([
      { position: 0n, detail: 'the metadata of s lets the server drop checkpoints (truncateBefore, maxCount)' },
    ]);
  });

  it('reports an event that is not a readable checkpoint just after the last readable one', () => {
    const [first, second] = recorded();
    const garbled = { ...second!.event, data: { ...(second!.event.data as object), position: 'x' } };
    const record = readCheckpointRecord('s', [first!.event, garbled], undefined);
    expect(record.checkpoints).toEqual([first!.checkpoint]);
    expect(record.damage).toEqual([
      {
        position: first!.checkpoint.position + 1n,
        detail: "checkpoint 1 of s is unreadable: the checkpoint's position is malformed",
      },
    ]);
    const foreign = readCheckpointRecord('s', [{ revision: 0n, type: 'Other', data: {} }], undefined);
    expect(foreign.damage).toEqual([{ position: 0n, detail: 'checkpoint 0 of s is unreadable: its type is Other' }]);
  });
});
