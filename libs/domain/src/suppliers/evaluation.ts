import { ensure } from '../shared/index.js';
import type { SelectionCriterion } from './events.js';
import type { SupplierState } from './state.js';

type Score = { readonly criterionId: string; readonly score: number };

/** An evaluation scores every stated criterion once, on the stated scale, and nothing else. */
export function ensureScoresAllCriteria(scores: readonly Score[], state: SupplierState) {
  const stated = state.criteria.map((criterion) => criterion.criterionId);
  const scored = scores.map((score) => score.criterionId);
  ensure(
    scored.every((criterionId) => stated.includes(criterionId)),
    'supplier.unknown-criterion',
    'Scores are given only for the stated selection criteria',
  );
  ensure(
    scored.length === stated.length && new Set(scored).size === stated.length,
    'supplier.criteria-not-scored',
    'Every stated selection criterion is scored exactly once',
  );
  const scale = state.scale ?? { min: -Infinity, max: Infinity };
  ensure(
    scores.every(({ score }) => score >= scale.min && score <= scale.max),
    'supplier.score-out-of-scale',
    `Scores lie between ${scale.min} and ${scale.max}`,
  );
}

/** Sum of score × weight over the sum of weights, to four decimals. */
export function weightedScore(scores: readonly Score[], criteria: readonly SelectionCriterion[]): number {
  let weighted = 0;
  let weights = 0;
  for (const { criterionId, weight } of criteria) {
    weighted += (scores.find((score) => score.criterionId === criterionId)?.score ?? 0) * weight;
    weights += weight;
  }
  return weights === 0 ? 0 : Math.round((weighted / weights) * 10_000) / 10_000;
}
