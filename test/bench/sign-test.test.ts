import { describe, expect, it } from 'vitest';
import { signTestP } from '../../bench/sign-test.js';

describe('signTestP: the two-sided sign test of bench:ab', () => {
  it('gives the exact binomial tail, both ways alike', () => {
    // 13 of 20: 2 × P(X ≥ 13) = 2 × 0.131588 ...
    expect(signTestP(13, 20)).toBeCloseTo(0.263176, 5);
    expect(signTestP(7, 20)).toBeCloseTo(signTestP(13, 20), 12);
    expect(signTestP(15, 20)).toBeCloseTo(0.041389, 5);
    expect(signTestP(20, 20)).toBeCloseTo(2 / 2 ** 20, 12);
  });

  it('is 1 for an even split, and never over 1', () => {
    expect(signTestP(10, 20)).toBe(1);
    expect(signTestP(1, 1)).toBe(1);
    expect(signTestP(0, 1)).toBe(1);
  });

  it('refuses counts that are no split of the pairs', () => {
    expect(() => signTestP(5, 4)).toThrow(/0 ≤ faster ≤ pairs/);
    expect(() => signTestP(-1, 4)).toThrow(/got -1 of 4/);
    expect(() => signTestP(1, 0)).toThrow(RangeError);
  });
});
