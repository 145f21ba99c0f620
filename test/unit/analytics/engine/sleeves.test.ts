// DOMAIN §4: momentum, market-cap and risk-parity sleeves and the weight cap, hand-worked.
import { describe, expect, it } from "vitest";
import { applyCap } from "../../../../src/analytics/engine/cap.js";
import { marketCapSleeve, momentumSleeve, riskParitySleeve } from "../../../../src/analytics/engine/sleeves.js";
import { createRollingWindow } from "../../../../src/analytics/engine/window.js";

/** Matrix [date * n + asset] from per-asset columns. */
function matrix(cols: number[][]): Float64Array {
  const n = cols.length;
  const m = new Float64Array(cols[0].length * n);
  for (const [a, col] of cols.entries()) for (const [d, x] of col.entries()) m[d * n + a] = x;
  return m;
}

describe("momentum sleeve", () => {
  it("m = Π(1 + r̃) − 1 over the L returns ending at t, undefined counted as 0; w ∝ max(m, 0)", () => {
    // L = 2 at t = 2: A: 1.1·1.1 − 1 = 0.21; B: (1 + 0)·1.05 − 1 = 0.05 (NaN counted as 0); C: 1.1·0.9 − 1 < 0
    const sig = matrix([
      [NaN, 0.1, 0.1],
      [0.5, NaN, 0.05],
      [NaN, 0.1, -0.1],
    ]);
    const s = momentumSleeve(sig, 3, [0, 1, 2], 2, 2);
    expect(s.equalWeightFallback).toBe(false);
    expect(s.weights[0]).toBeCloseTo(0.21 / 0.26, 14);
    expect(s.weights[1]).toBeCloseTo(0.05 / 0.26, 14);
    expect(s.weights[2]).toBe(0);
  });

  it("no positive momentum → equal weight over E(t), reported (never 100% in the worst asset)", () => {
    const sig = matrix([
      [0, -0.1],
      [0, -0.5],
      [0, 0],
    ]);
    const s = momentumSleeve(sig, 3, [0, 1, 2], 1, 1);
    expect(s.equalWeightFallback).toBe(true);
    expect([...s.weights]).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });
});

describe("market-cap sleeve", () => {
  it("w ∝ cap over the members with one; fewer than half covered → equal weight, reported", () => {
    const s = marketCapSleeve([300, null, 100]);
    expect([...s.weights]).toEqual([0.75, 0, 0.25]);
    expect(s.equalWeightFallback).toBe(false);
    expect(marketCapSleeve([300, null, null, 100]).equalWeightFallback).toBe(false); // exactly half
    const f = marketCapSleeve([300, null, null]);
    expect(f.equalWeightFallback).toBe(true);
    expect([...f.weights]).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });
});

describe("risk-parity sleeve", () => {
  const sd = (xs: number[]) => {
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
  };
  it("w ∝ 1/σ (ddof 1) over the V signal returns ending at t; σ = 0 and single-return assets get nothing", () => {
    const cols = [
      [NaN, 0.01, -0.01, 0.01],
      [NaN, 0.02, -0.02, 0.02],
      [NaN, 0, 0, 0],
      [NaN, NaN, NaN, 0.03],
    ];
    const sig = matrix(cols);
    const win = createRollingWindow(sig, 4, 3);
    for (let d = 0; d < 4; d++) win.advance(d);
    const s = riskParitySleeve(win, [0, 1, 2, 3], 3);
    const ia = 1 / sd([0.01, -0.01, 0.01]);
    const ib = 1 / sd([0.02, -0.02, 0.02]);
    expect(s.weights[0]).toBeCloseTo(ia / (ia + ib), 12);
    expect(s.weights[1]).toBeCloseTo(ib / (ia + ib), 12);
    expect(s.weights[2]).toBe(0); // zero volatility: no division by zero
    expect(s.weights[3]).toBe(0); // one defined return: no σ
    expect(win.std(2, 3)).toBe(0);
    expect(win.std(3, 3)).toBeNaN();
  });

  it("no σ > 1e-12 → equal weight, reported", () => {
    const win = createRollingWindow(
      matrix([
        [NaN, 0, 0],
        [NaN, 0.01, 0.01],
      ]),
      2,
      2,
    );
    for (let d = 0; d < 3; d++) win.advance(d);
    const s = riskParitySleeve(win, [0, 1], 2);
    expect(s.equalWeightFallback).toBe(true);
    expect([...s.weights]).toEqual([0.5, 0.5]);
  });
});

describe("weight cap", () => {
  it("redistributes the excess pro rata, repeatedly: (0.6, 0.3, 0.1) cap 0.4 → (0.4, 0.4, 0.2)", () => {
    const r = applyCap(Float64Array.from([0.6, 0.3, 0.1]), 0.4);
    expect(r.infeasible).toBe(false);
    expect(r.weights[0]).toBe(0.4);
    expect(r.weights[1]).toBeCloseTo(0.4, 15);
    expect(r.weights[2]).toBeCloseTo(0.2, 15);
  });

  it("spreads equally over zero-weight members once no positive uncapped weight is left", () => {
    const r = applyCap(Float64Array.from([1, 0, 0, 0]), 0.5);
    expect([...r.weights]).toEqual([0.5, 0.5 / 3, 0.5 / 3, 0.5 / 3]);
    const s = applyCap(Float64Array.from([0.7, 0.3, 0, 0]), 0.3);
    expect([...s.weights].map((x) => +x.toFixed(12))).toEqual([0.3, 0.3, 0.2, 0.2]);
  });

  it("cap × |E| < 1 is infeasible: equal weight, reported; cap × |E| = 1 is feasible", () => {
    const r = applyCap(Float64Array.from([0.5, 0.3, 0.2]), 0.3);
    expect(r.infeasible).toBe(true);
    expect([...r.weights]).toEqual([1 / 3, 1 / 3, 1 / 3]);
    const f = applyCap(Float64Array.from([0.7, 0.2, 0.1, 0]), 0.25);
    expect(f.infeasible).toBe(false);
    expect([...f.weights].map((x) => +x.toFixed(12))).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(applyCap(Float64Array.from([0.9, 0.1]), null).weights[0]).toBe(0.9);
  });
});
