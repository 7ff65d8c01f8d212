import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { seededSample } from './sampling.js';

describe('seeded sampling', () => {
  const population = Array.from({ length: 50 }, (_, i) => `complaint-${i}`);

  it('gives the same sample for the same seed, whatever the order of the population', () => {
    const first = seededSample(population, 5, 'audit-2026-Q1');
    expect(seededSample([...population].reverse(), 5, 'audit-2026-Q1')).toEqual(first);
    expect(first).toHaveLength(5);
    expect(seededSample(population, 5, 'another seed')).not.toEqual(first);
  });

  it('sorts by SHA-256 of seed, newline, id, and takes the first N (recomputable by hand)', () => {
    const key = (id: string) => createHash('sha256').update(`S\n${id}`).digest('hex');
    const expected = [...population].sort((a, b) => key(a).localeCompare(key(b))).slice(0, 3);
    expect(seededSample(population, 3, 'S').map((item) => item.id)).toEqual(expected);
    expect(seededSample(population, 3, 'S')[0]!.key).toBe(key(expected[0]!));
  });

  it('takes the whole population when it is smaller than N, each id once', () => {
    expect(
      seededSample(['a', 'b', 'a'], 10, 's')
        .map((item) => item.id)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(seededSample([], 3, 's')).toEqual([]);
  });
});
