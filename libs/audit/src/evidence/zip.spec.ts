import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { crc32, readZip, writeZip } from './zip.js';

const hasUnzip = (() => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('the ZIP writer and reader', () => {
  const files = [
    { name: 'index.html', data: Buffer.from('<!doctype html><p>hello</p>'.repeat(50)) },
    { name: 'events.ndjson', data: Buffer.from('{"a":1}\n'.repeat(200)) },
    { name: 'empty.txt', data: Buffer.alloc(0) },
  ];

  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('reads back what it wrote', () => {
    const { files: read, problems } = readZip(writeZip(files));
    expect(problems).toEqual([]);
    for (const file of files) expect(read.get(file.name)).toEqual(file.data);
  });

  (hasUnzip ? it : it.skip)('writes archives that unzip accepts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    writeFileSync(join(dir, 'a.zip'), writeZip(files));
    execFileSync('unzip', ['-q', '-t', join(dir, 'a.zip')]);
    execFileSync('unzip', ['-q', join(dir, 'a.zip'), '-d', join(dir, 'out')]);
    expect(readFileSync(join(dir, 'out', 'events.ndjson'))).toEqual(files[1]!.data);
  });

  it('names the file a changed byte falls in', () => {
    const archive = writeZip(files);
    const { ranges } = readZip(archive);
    const range = ranges.get('events.ndjson')!;
    const altered = Buffer.from(archive);
    const at = Math.floor((range.start + range.end) / 2);
    altered[at] = altered[at]! ^ 0x01;
    const { problems, files: read } = readZip(altered);
    expect(problems.map((problem) => problem.file)).toEqual(['events.ndjson']);
    expect(read.has('index.html')).toBe(true);
  });

  it('reports a damaged or foreign archive instead of throwing', () => {
    expect(readZip(Buffer.from('not a zip')).problems[0]!.file).toBe('(archive)');
    const archive = writeZip(files);
    for (let at = 0; at < archive.length; at += 7) {
      const altered = Buffer.from(archive);
      altered[at] = altered[at]! ^ 0xff;
      expect(() => readZip(altered)).not.toThrow();
    }
  });
});
