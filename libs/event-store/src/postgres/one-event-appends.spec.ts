import { describe, expect, it } from '@jest/globals';
import { OneEventAppends, type OneEventAppend } from './one-event-appends.js';

const append = (streamId: string, expected = -1): OneEventAppend => ({
  streamId,
  expected,
  event: { eventId: `${streamId}:${expected}`, type: 'Happened', schemaVersion: 1, data: {}, metadata: {} as never },
});

describe('OneEventAppends', () => {
  it('sends an append alone, then what waited for it together, one per stream, in the order made', async () => {
    const sent: string[][] = [];
    const appends = new OneEventAppends(async (batch) => {
      sent.push(batch.map((one) => one.event.eventId));
      return batch.map((one) => ({ streamVersion: String(one.expected + 1), position: one.event.eventId }));
    });
    const answers = await Promise.all([
      appends.append(append('a')),
      appends.append(append('b')),
      appends.append(append('a', 0)),
      appends.append(append('c')),
      appends.append(append('a', 1)),
    ]);
    expect(sent).toEqual([['a:-1'], ['b:-1', 'a:0', 'c:-1'], ['a:1']]);
    expect(answers.map((answer) => answer?.position)).toEqual(['a:-1', 'b:-1', 'a:0', 'c:-1', 'a:1']);
  });

  it('fails every append of a statement that failed, and goes on with the next', async () => {
    let calls = 0;
    const appends = new OneEventAppends(async (batch) => {
      if (++calls === 2) throw new Error('connection lost');
      return batch.map(() => ({ streamVersion: '0', position: '1' }));
    });
    const answers = await Promise.allSettled([
      appends.append(append('a')),
      appends.append(append('b')),
      appends.append(append('c')),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    await expect(appends.append(append('d'))).resolves.toEqual({ streamVersion: '0', position: '1' });
  });
});
