import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { crc32 as zlibCrc32, deflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A small ZIP (PKWARE APPNOTE 6.3) writer and checking reader, enough for evidence packs: each file
 * deflated on its own with its CRC-32, so that a changed byte is pinned to the file it falls in.
 * No ZIP64, no encryption, no data descriptors.
 */
export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

/** A file deflated beforehand, with what the ZIP headers and a manifest say of its content. */
export interface DeflatedEntry {
  readonly name: string;
  /** The deflated data, in the pieces zlib gave (never joined: a large file is not copied whole). */
  readonly deflated: readonly Buffer[];
  readonly compressedBytes: number;
  readonly crc: number;
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * Deflate level 3. On a pack of 100,000 events (177 MB of JSON, NDJSON and HTML) level 6 (zlib's
 * default) took twice the CPU for an archive 7% smaller (25 MB instead of 27); level 1 saves no
 * more time and grows it 10%; 9 costs far more for a few per cent.
 */
export const LEVEL = 3;
const deflateRawAsync = promisify(deflateRaw);

export const crc32 = (data: Buffer): number => zlibCrc32(data);

function deflatedOf(name: string, data: Buffer, deflated: Buffer): DeflatedEntry {
  return {
    name,
    deflated: [deflated],
    compressedBytes: deflated.length,
    crc: crc32(data),
    bytes: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
  };
}

/** Deflates the files in zlib's threads, side by side. */
export function deflateEntries(entries: readonly ZipEntry[]): Promise<DeflatedEntry[]> {
  return Promise.all(
    entries.map(async ({ name, data }) => deflatedOf(name, data, await deflateRawAsync(data, { level: LEVEL }))),
  );
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const UTF8_FLAG = 0x0800;

/** MS-DOS date and time fields of `date` (UTC). */
function dosDateTime(date: Date): { time: number; day: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    day: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/**
 * The bytes of the archive of the files, in order: each file's local header and data, then the
 * central directory. Written piece by piece, so that an archive can go to a stream as it is made.
 */
export function* zipPieces(entries: readonly DeflatedEntry[], modified: Date): Generator<Buffer> {
  const { time, day } = dosDateTime(modified);
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const { crc, bytes, compressedBytes } = entry;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(UTF8_FLAG, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressedBytes, 18);
    local.writeUInt32LE(bytes, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    yield local;
    yield name;
    yield* entry.deflated;

    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL, 0);
    header.writeUInt16LE(0x0314, 4); // made by: UNIX, 2.0
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(UTF8_FLAG, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt16LE(time, 12);
    header.writeUInt16LE(day, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(compressedBytes, 20);
    header.writeUInt32LE(bytes, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE((0o100644 << 16) >>> 0, 38); // -rw-r--r--
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += local.length + name.length + compressedBytes;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  yield directory;
  yield end;
}

/** The archive of the files, deflated here (`data`) or before (`deflated`), in one buffer. */
export function writeZip(entries: readonly (ZipEntry | DeflatedEntry)[], modified = new Date()): Buffer {
  const deflated = entries.map((entry) =>
    'deflated' in entry ? entry : deflatedOf(entry.name, entry.data, deflateRawSync(entry.data, { level: LEVEL })),
  );
  return Buffer.concat([...zipPieces(deflated, modified)]);
}

export interface ReadZipResult {
  /** The files that could be read back intact (CRC-32 and sizes check out). */
  readonly files: Map<string, Buffer>;
  /** What is wrong, each naming the file (or the part of the archive) concerned. */
  readonly problems: { readonly file: string; readonly message: string }[];
  /** Where each file's compressed data lies in the archive, for diagnostics and tests. */
  readonly ranges: Map<string, { start: number; end: number }>;
}

/** Reads a ZIP written by `writeZip` (or any plain deflate/store ZIP), checking every entry. */
export function readZip(archive: Buffer): ReadZipResult {
  const files = new Map<string, Buffer>();
  const ranges = new Map<string, { start: number; end: number }>();
  const problems: { file: string; message: string }[] = [];
  let endAt = -1;
  for (let i = archive.length - 22; i >= Math.max(0, archive.length - 22 - 0xffff); i--) {
    if (archive.readUInt32LE(i) === END) {
      endAt = i;
      break;
    }
  }
  if (endAt < 0) {
    problems.push({ file: '(archive)', message: 'not a ZIP archive: no end of central directory record' });
    return { files, problems, ranges };
  }
  const count = archive.readUInt16LE(endAt + 10);
  const size = archive.readUInt32LE(endAt + 12);
  let at = archive.readUInt32LE(endAt + 16);
  if (at + size !== endAt) {
    problems.push({
      file: '(central directory)',
      message: 'the central directory does not end where the archive says',
    });
  }
  for (let n = 0; n < count; n++) {
    if (at + 46 > archive.length || archive.readUInt32LE(at) !== CENTRAL) {
      problems.push({ file: '(central directory)', message: `entry ${n + 1} of the central directory is damaged` });
      break;
    }
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const compressedSize = archive.readUInt32LE(at + 20);
    const uncompressedSize = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localAt = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extraLength + commentLength;
    try {
      if (localAt + 30 > archive.length || archive.readUInt32LE(localAt) !== LOCAL) {
        throw new Error('its local header is damaged');
      }
      const localNameLength = archive.readUInt16LE(localAt + 26);
      const localExtra = archive.readUInt16LE(localAt + 28);
      const localName = archive.subarray(localAt + 30, localAt + 30 + localNameLength).toString('utf8');
      if (localName !== name) throw new Error(`its local header names it "${localName}"`);
      if (archive.readUInt32LE(localAt + 14) !== crc) throw new Error('its local header has another CRC-32');
      const start = localAt + 30 + localNameLength + localExtra;
      const end = start + compressedSize;
      ranges.set(name, { start, end });
      if (end > archive.length) throw new Error('it is cut short');
      const raw = archive.subarray(start, end);
      const data = method === 8 ? inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : undefined;
      if (!data) throw new Error(`unsupported compression method ${method}`);
      if (data.length !== uncompressedSize) throw new Error('its size differs from the recorded size');
      if (crc32(data) !== crc) throw new Error('its content does not match its CRC-32');
      if (files.has(name)) throw new Error('it appears twice');
      files.set(name, data);
    } catch (error) {
      const message = (error as Error).message;
      problems.push({ file: name, message: message.startsWith('it') ? message : `it cannot be read: ${message}` });
    }
  }
  return { files, problems, ranges };
}
