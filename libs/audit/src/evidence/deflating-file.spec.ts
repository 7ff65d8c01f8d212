import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { DeflatingFile } from './deflating-file.js';
import { crc32 } from './zip.js';

describe('DeflatingFile', () => {
  it('gives back exactly the text written, in small and large pieces, with its size and hashes', async () => {
    // Lines, multi-byte characters across chunk boundaries, and pieces larger than a chunk.
    const pieces = [
      ...Array.from({ length: 5000 }, (_, i) => `{"line":${i},"note":"Zürich – ${'é'.repeat(i % 7)} ✓"}\n`),
      'x'.repeat(700_000),
      ...Array.from({ length: 200 }, (_, i) => `${'€'.repeat(i * 37)}\n`),
      `${'y'.repeat(200_000)}🙂`,
      '',
    ];
    const file = new DeflatingFile('test.ndjson');
    for (const piece of pieces) await file.write(piece);
    const entry = await file.finish();

    const expected = Buffer.from(pieces.join(''), 'utf8');
    const inflated = inflateRawSync(Buffer.concat(entry.deflated));
    expect(inflated.equals(expected)).toBe(true);
    expect(entry).toMatchObject({
      name: 'test.ndjson',
      bytes: expected.length,
      crc: crc32(expected),
      sha256: createHash('sha256').update(expected).digest('hex'),
      compressedBytes: Buffer.concat(entry.deflated).length,
    });
  });

  it('makes an empty file of nothing written', async () => {
    const entry = await new DeflatingFile('empty.txt').finish();
    expect(inflateRawSync(Buffer.concat(entry.deflated)).length).toBe(0);
    expect(entry.bytes).toBe(0);
  });
});
