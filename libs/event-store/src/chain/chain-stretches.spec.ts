import { describe, expect, it } from '@jest/globals';
import { planStretches } from './chain-stretches.js';

describe('planStretches', () => {
  const checkpoints = [1000n, 2000n, 3000n, 4000n, 5000n];

  it('cuts the span at the signed checkpoints nearest below even shares', () => {
    expect(planStretches(checkpoints, { from: 1n, to: 5500n }, 2, 1000)).toEqual([
      { from: 1n, to: 2000n },
      { from: 2001n, to: 5500n },
    ]);
    expect(planStretches(checkpoints, { from: 1n, to: 5500n }, 3, 1000)).toEqual([
      { from: 1n, to: 1000n },
      { from: 1001n, to: 3000n },
      { from: 3001n, to: 5500n },
    ]);
  });

  it('keeps one stretch for a span too short to share, or without checkpoints to cut at', () => {
    expect(planStretches(checkpoints, { from: 1n, to: 5500n }, 4, 5000)).toEqual([{ from: 1n, to: 5500n }]);
    expect(planStretches([], { from: 1n, to: 5500n }, 4, 10)).toEqual([{ from: 1n, to: 5500n }]);
  });

  it('cuts a range only inside it, and never twice at one checkpoint', () => {
    expect(planStretches(checkpoints, { from: 2500n, to: 4200n }, 4, 100)).toEqual([
      { from: 2500n, to: 3000n },
      { from: 3001n, to: 4200n },
    ]);
  });
});
