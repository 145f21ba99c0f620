import { describe, expect, it } from "vitest";
import { metricsFromLevels } from "../../../../src/analytics/metrics/metrics.js";

// An independent, deliberately naive two-pass implementation of §6, written from the table and
// sharing no code with src/: the running (Welford, binary-insertion) version must agree with it.
const A = 252;
const avg = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
const cov = (x: number[], y: number[]) => {
  const mx = avg(x);
  const my = avg(y);
  return x.reduce((s, v, i) => s + (v - mx) * (y[i] - my), 0) / (x.length - 1);
};
const q7 = (x: number[], p: number) => {
  const s = [...x].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
};

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0; // Numerical Recipes LCG: enough for test data
    return a / 4294967296;
  };
}

describe("running implementation agrees with a naive two-pass reference", () => {
  for (const seed of [3, 99, 12345]) {
    it(`seed ${seed}, 500 levels, rf 4 %`, () => {
      const rnd = prng(seed);
      const V = [1000];
      const B: number[] = [20];
      for (let i = 1; i < 500; i++) {
        const m = (rnd() - 0.5) * 0.03;
        V.push(V[i - 1] * (1 + m + (rnd() - 0.5) * 0.01));
        B.push(B[i - 1] * (1 + 0.7 * m + (rnd() - 0.5) * 0.01));
      }
      const rf = 0.04 / A;
      const r = V.slice(1).map((v, i) => v / V[i] - 1);
      const b = B.slice(1).map((v, i) => v / B[i] - 1);
      const x = r.map((v) => v - rf);
      const d = r.map((v, i) => v - b[i]);
      const D = Math.sqrt(avg(x.map((v) => Math.min(v, 0) ** 2))) * Math.sqrt(A);
      let peak = V[0];
      let mdd = 0;
      for (const v of V) {
        peak = Math.max(peak, v);
        mdd = Math.min(mdd, v / peak - 1);
      }

      const m = metricsFromLevels(V, B, { periodsPerYear: A, riskFreeRate: 0.04 });
      const close = (got: number | null, want: number) => expect(got).toBeCloseTo(want, 10);
      close(m.totalReturn, V[499] / V[0] - 1);
      close(m.annualizedReturn, (V[499] / V[0]) ** (A / 499) - 1);
      close(m.volatility, Math.sqrt(cov(r, r)) * Math.sqrt(A));
      close(m.sharpeRatio, (avg(x) / Math.sqrt(cov(x, x))) * Math.sqrt(A));
      close(m.sortinoRatio, (avg(x) * A) / D);
      close(m.maxDrawdown, mdd);
      close(m.currentDrawdown, V[499] / peak - 1);
      close(m.var95, q7(r, 0.05));
      close(m.var99, q7(r, 0.01));
      close(m.betaSp500, cov(r, b) / cov(b, b));
      close(m.correlationSp500, cov(r, b) / Math.sqrt(cov(r, r) * cov(b, b)));
      const te = Math.sqrt(cov(d, d)) * Math.sqrt(A);
      close(m.trackingError, te);
      close(m.informationRatio, (avg(d) * A) / te);
    });
  }
});
