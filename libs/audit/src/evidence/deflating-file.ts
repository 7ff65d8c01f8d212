import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createDeflateRaw, crc32 } from 'node:zlib';
import { LEVEL, type DeflatedEntry } from './zip.js';

/**
 * Text is encoded a piece of about this many characters at a time, straight into the chunk. V8
 * makes a string of more than 128 KB (a long text joined, or flattened to be encoded) in its
 * large-object space, which costs about ten times as much per byte: 187 MB of JSON lines took
 * 1.3-1.9 s to encode in pieces of 256 KB or 1 MB, 0.13-0.18 s in pieces of 8 to 98 KB.
 */
const TEXT_PIECE = 32 * 1024;
/** zlib is handed chunks of this size: fewer, larger writes cost less. */
const CHUNK = 512 * 1024;
/** UTF-8 bytes of one UTF-16 code unit, at most. */
const MAX_BYTES_PER_UNIT = 3;

/**
 * A file deflated as it is written, in zlib's threads: it is never held whole uncompressed, and
 * one chunk is compressed while the next is being made. Writers hand it text in small pieces
 * (a line, an item) so that no long string is ever made.
 */
export class DeflatingFile {
  private readonly deflate = createDeflateRaw({ level: LEVEL });
  private readonly chunks: Buffer[] = [];
  private readonly hash = createHash('sha256');
  private pending = '';
  private chunk = Buffer.allocUnsafe(CHUNK);
  private filled = 0;
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
    if (this.pending.length >= TEXT_PIECE) await this.encodePending();
  }

  async finish(): Promise<DeflatedEntry> {
    await this.encodePending();
    await this.ship();
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

  /** Encodes the pending text into the chunk, shipping the chunk first when the text might not fit. */
  private async encodePending(): Promise<void> {
    const text = this.pending;
    this.pending = '';
    const most = MAX_BYTES_PER_UNIT * text.length;
    if (this.filled + most > CHUNK) await this.ship();
    if (most > CHUNK) return this.deflateData(Buffer.from(text, 'utf8'));
    this.filled += this.chunk.write(text, this.filled, 'utf8');
  }

  private async ship(): Promise<void> {
    if (this.filled === 0) return;
    const data = this.chunk.subarray(0, this.filled);
    this.chunk = Buffer.allocUnsafe(CHUNK);
    this.filled = 0;
    await this.deflateData(data);
  }

  private async deflateData(data: Buffer): Promise<void> {
    this.crc = crc32(data, this.crc);
    this.bytes += data.length;
    this.hash.update(data);
    if (!this.deflate.write(data)) await once(this.deflate, 'drain');
  }
}
