import { createHash } from 'node:crypto';

export const SAMPLING_ALGORITHM =
  'For each record id, key = hex SHA-256 of the UTF-8 text "<seed>\\n<id>"; sort the population by key ' +
  '(then by id), take the first N. The same seed and population always give the same sample; anyone ' +
  'can recompute it, e.g. printf "%s\\n%s" "$SEED" "$ID" | sha256sum.';

export interface SampledRecord {
  readonly id: string;
  /** Hex SHA-256 of `<seed>\n<id>`: the record's place in the seeded order. */
  readonly key: string;
}

export const sampleKey = (seed: string, id: string) =>
  createHash('sha256').update(`${seed}\n${id}`, 'utf8').digest('hex');

/** A reproducible sample of `size` ids out of `population` (duplicates count once), in seeded order. */
export function seededSample(population: Iterable<string>, size: number, seed: string): SampledRecord[] {
  const ids = [...new Set(population)];
  return ids
    .map((id) => ({ id, key: sampleKey(seed, id) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, Math.max(0, size));
}
