import { describe, expect, it } from "vitest";
import {
  annualize,
  finiteOrNull,
  insertSorted,
  mean,
  quantileType7,
  removeSorted,
  sampleStd,
  sortedCopy,
} from "../../../../src/analytics/metrics/stats.js";

describe("quantileType7 (Hyndman & Fan type 7, R's default)", () => {
  it("matches R: quantile(1:10, c(0.05, 0.25, 0.5, 0.75)) = 1.45, 3.25, 5.5, 7.75", () => {
    // h = 1 + 9p: p = 0.05 → 1.45 → x1 + 0.45·(x2 − x1) = 1.45; p = 0.25 → 3.25; p = 0.5 → 5.5.
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileType7(x, 0.05)).toBeCloseTo(1.45, 14);
    expect(quantileType7(x, 0.25)).toBeCloseTo(3.25, 14);
    expect(quantileType7(x, 0.5)).toBe(5.5);
    expect(quantileType7(x, 0.75)).toBeCloseTo(7.75, 14);
  });

  it("hand-worked on returns: [-0.03, -0.01, 0, 0.02, 0.05]", () => {
    // n = 5. p = 0.05: h = 1 + 4·0.05 = 1.2 → 0.8·(−0.03) + 0.2·(−0.01) = −0.026.
    // p = 0.01: h = 1.04 → 0.96·(−0.03) + 0.04·(−0.01) = −0.0288 − 0.0004 = −0.0292.
    const x = [-0.03, -0.01, 0, 0.02, 0.05];
    expect(quantileType7(x, 0.05)).toBeCloseTo(-0.026, 15);
    expect(quantileType7(x, 0.01)).toBeCloseTo(-0.0292, 15);
  });

  it("n = 0 → null; n = 1 → the value; ties return the tied value exactly", () => {
    expect(quantileType7([], 0.05)).toBeNull();
    expect(quantileType7([-0.02], 0.05)).toBe(-0.02);
    expect(quantileType7([0.1, 0.1, 0.3], 0.05)).toBe(0.1); // x1 = x2: no interpolation rounding
  });
});

describe("sample moments", () => {
  it("std uses ddof 1: [1, 2, 3, 4] → √(5/3)", () => {
    // mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, / (4 − 1).
    expect(sampleStd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(mean([1, 2, 6])).toBe(3);
  });

  it("a constant sample has std exactly 0, even for values that are not exact in binary", () => {
    expect(sampleStd([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1])).toBe(0);
    expect(sampleStd([1e9 + 0.3, 1e9 + 0.3])).toBe(0);
  });

  it("no catastrophic cancellation on a large offset: [1e9+1, 1e9+2, 1e9+3] → 1", () => {
    expect(sampleStd([1e9 + 1, 1e9 + 2, 1e9 + 3])).toBeCloseTo(1, 9);
  });

  it("fewer than 2 values: std null; empty mean null", () => {
    expect(sampleStd([])).toBeNull();
    expect(sampleStd([3])).toBeNull();
    expect(mean([])).toBeNull();
  });
});

describe("sorted array maintenance", () => {
  it("binary insertion keeps order and removal takes exactly one copy", () => {
    const s: number[] = [];
    for (const x of [0.3, -0.1, 0.2, -0.1, 0]) insertSorted(s, x);
    expect(s).toEqual([-0.1, -0.1, 0, 0.2, 0.3]);
    removeSorted(s, -0.1);
    expect(s).toEqual([-0.1, 0, 0.2, 0.3]);
    expect(() => removeSorted(s, 0.25)).toThrow();
    expect(sortedCopy([10, 9, 1])).toEqual([1, 9, 10]); // numeric, not lexicographic
  });
});

describe("annualize and finiteOrNull", () => {
  it("(1 + R)^(A/n) − 1: 21 % over two years of 252 days → 10 %", () => {
    expect(annualize(0.21, 504, 252)).toBeCloseTo(0.1, 14);
    expect(annualize(0.1, 1, 1)).toBeCloseTo(0.1, 15);
  });

  it("null for n < 1, for a negative wealth and on overflow", () => {
    expect(annualize(0.1, 0, 252)).toBeNull();
    expect(annualize(-1.5, 3, 252)).toBeNull();
    expect(annualize(1e10, 1, 252)).toBeNull(); // (1e10)^252 = Infinity
    expect(annualize(-1, 3, 252)).toBe(-1); // total loss
    expect(finiteOrNull(Number.NaN)).toBeNull();
    expect(finiteOrNull(-Infinity)).toBeNull();
    expect(finiteOrNull(0)).toBe(0);
  });
});
