import { describe, expect, it } from "vitest";
import { metricsFromReturns } from "../../../../src/analytics/metrics/metrics.js";
import { RunningQuantile } from "../../../../src/analytics/metrics/running-quantile.js";
import { quantileType7, sortedCopy } from "../../../../src/analytics/metrics/stats.js";
import { mulberry32 } from "../../../../src/shared/prng.js";

describe("RunningQuantile (two heaps, O(log n) a push)", () => {
  it("hand-worked: push 3, 1, 2 at p = 0.5 → h = 2 → 2; then 10 → h = 2.5 → (2 + 3)/2", () => {
    const q = new RunningQuantile(0.5);
    expect(q.value()).toBeNull();
    for (const x of [3, 1, 2]) q.push(x);
    expect(q.value()).toBe(2);
    q.push(10);
    expect(q.value()).toBe(2.5);
  });

  it("equals quantileType7 of the sorted prefix after every push, ties and signs included", () => {
    const rand = mulberry32(7);
    const values = Array.from({ length: 3000 }, (_, i) =>
      i % 7 === 0 ? 0.01 : Math.round((rand() - 0.5) * 2000) / 10000,
    );
    for (const p of [0, 0.01, 0.05, 0.5, 0.99, 1]) {
      const q = new RunningQuantile(p);
      for (let n = 1; n <= values.length; n++) {
        q.push(values[n - 1]);
        if (n < 200 || n % 97 === 0) expect(q.value()).toBe(quantileType7(sortedCopy(values.slice(0, n)), p));
      }
    }
  });
});

describe("analysis scales as O(n log n)", () => {
  it("metricsFromReturns over 400,000 returns takes well under 2 s (the sorted insertion took ~8 s)", () => {
    const rand = mulberry32(11);
    const returns = Array.from({ length: 400_000 }, () => (rand() - 0.5) / 25);
    const t0 = performance.now();
    const m = metricsFromReturns(returns, null, { periodsPerYear: 252, riskFreeRate: 0 });
    const ms = performance.now() - t0;
    expect(m.var95).toBe(quantileType7(sortedCopy(returns), 0.05));
    expect(ms).toBeLessThan(2000);
  });
});
