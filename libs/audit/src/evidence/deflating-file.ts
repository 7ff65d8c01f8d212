import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createDeflateRaw, crc32 } from 'node:zlib';
import { LEVEL, type DeflatedEntry } from './zip.js';

/** Text is handed to zlib in pieces of about this size: fewer, larger writes cost less. */
const PIECE = 256 * 1024;

/**
 * A file deflated as it is written, in zlib's threads: it is never held whole uncompressed, and
 * one piece is compressed while the next is being made.
 */
export class DeflatingFile {
  private readonly deflate = createDeflateRaw({ level: LEVEL });
  private readonly chunks: Buffer[] = [];
  private readonly hash = createHash('sha256');
  private pending = '';
  private compressedBytes = 0;
  private crc = 0;
  private bytes = 0;

  constructor(readonly name: string) {
    this.deflate.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.compressedBytes += chunk.length;
    });
  }

  /** Appends text; resolves once zlib takes more. */
  async write(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length >= PIECE) await this.flush();
  }

  async finish(): Promise<DeflatedEntry> {
    await this.flush();
    const ended = once(this.deflate, 'end');
    this.deflate.end();
    await ended;
    return {
      name: this.name,
      deflated: this.chunks,
      compressedBytes: this.compressedBytes,
      crc: this.crc,
      bytes: this.bytes,
      sha256: this.hash.digest('hex'),
    };
  }

  private async flush(): Promise<void> {
    if (!this.pending) return;
    const data = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    this.crc = crc32(data, this.crc);
    this.bytes += data.length;
    this.hash.update(data);
    if (!this.deflate.write(data)) await once(this.deflate, 'drain');
  }
}
