import { describe, expect, it } from '@jest/globals';
import { ENTRY_BYTES } from './chain-hash.js';
import type { ChainCheckpoint } from './checkpoint.js';
import { checkpointFromJson, checkpointToJson } from './checkpoint-json.js';

const checkpoint: ChainCheckpoint = {
  position: 18_446_744_073_709_551_615n,
  previousPosition: 4_096n,
  hash: 'ab'.repeat(32),
  entries: Buffer.alloc(2 * ENTRY_BYTES, 7),
  signedAt: new Date('2026-02-01T12:34:56.789Z'),
  algorithm: 'ed25519',
  keyId: 'ed25519:0123456789abcdef',
  signature: Buffer.from('signature').toString('base64'),
};

describe('checkpoint JSON', () => {
  it('writes positions as decimal strings, entries in base64, and reads the same checkpoint back', () => {
    const json = checkpointToJson(checkpoint);
    expect(json).toEqual({
      position: '18446744073709551615',
      previousPosition: '4096',
      hash: 'ab'.repeat(32),
      entries: Buffer.alloc(2 * ENTRY_BYTES, 7).toString('base64'),
      signedAt: '2026-02-01T12:34:56.789Z',
      algorithm: 'ed25519',
      keyId: 'ed25519:0123456789abcdef',
      signature: checkpoint.signature,
    });
    expect(checkpointFromJson(JSON.parse(JSON.stringify(json)))).toEqual(checkpoint);
  });

  it('names the first malformed field of what it reads', () => {
    const json = checkpointToJson(checkpoint);
    const bad = (change: Record<string, unknown>) => () => checkpointFromJson({ ...json, ...change });
    expect(() => checkpointFromJson('checkpoint')).toThrow(/JSON object/);
    expect(bad({ position: '-1' })).toThrow(/position/);
    expect(bad({ previousPosition: 12 })).toThrow(/previousPosition/);
    expect(bad({ hash: 'AB'.repeat(32) })).toThrow(/hash/);
    expect(bad({ entries: Buffer.alloc(ENTRY_BYTES + 1).toString('base64') })).toThrow(/entries/);
    expect(bad({ signedAt: 'yesterday' })).toThrow(/signedAt/);
    expect(bad({ algorithm: 'rsa' })).toThrow(/algorithm/);
    expect(bad({ keyId: undefined })).toThrow(/keyId/);
    expect(bad({ signature: 'not base64!' })).toThrow(/signature/);
  });
});
