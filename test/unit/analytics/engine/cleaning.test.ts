// DOMAIN §2: below-min, bounded forward fill, returns, clipping, outliers, flags for every asset.
import { describe, expect, it } from "vitest";
import { cleanPrices, clippedAt, returnAt } from "../../../../src/analytics/engine/cleaning.js";
import type { CleaningParams } from "../../../../src/analytics/engine/cleaning.js";
import { listFlags } from "../../../../src/analytics/engine/accessors.js";
import { defaultEngineConfig } from "../../../../src/index/engine-config.js";
import { runEngine } from "../../../../src/analytics/engine/engine.js";
import { FLAG_CLIPPED, FLAG_OUTLIER, FLAG_STALE } from "../../../../src/analytics/engine/types.js";

const P: CleaningParams = {
  minPriceThreshold: 1,
  maxForwardFillDays: 2,
  minDailyReturn: -0.5,
  maxDailyReturn: 0.5,
  outlierStdThreshold: 2,
  volatilityLookbackDays: 4,
};
/** One column → cleaned arrays as plain number[] (NaN kept). */
function clean1(closes: (number | null)[], p: Partial<CleaningParams> = {}) {
  const m = Float64Array.from(closes, (x) => (x === null ? NaN : x));
  const c = cleanPrices(m, closes.length, 1, { ...P, ...p });
  const cells = closes.map((_, i) => i);
  return {
    price: [...c.price],
    actual: [...c.actual],
    signal: [...c.signal],
    flags: [...c.flags],
    ret: cells.map((i) => returnAt(c.price, 1, i)),
    clipped: cells.map((i) => clippedAt(c, i)),
  };
}
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1));

describe("forward fill and availability (§2.1–2.3)", () => {
  it("carries the last usable close at most max_forward_fill_days dates, then the asset is unavailable", () => {
    const c = clean1([10, null, null, null, 12, 13]);
    expect(c.price.slice(0, 4)).toEqual([10, 10, 10, NaN]);
    expect(c.actual).toEqual([1, 0, 0, 0, 1, 1]);
    expect(c.flags.map((f) => f & FLAG_STALE)).toEqual([0, FLAG_STALE, FLAG_STALE, 0, 0, 0]);
    // stale day's return is 0; undefined next to an unavailable date; defined again after
    expect(c.ret[1]).toBe(0);
    expect(c.ret[2]).toBe(0);
    expect(c.ret[3]).toBeNaN();
    expect(c.ret[4]).toBeNaN();
    expect(c.ret[5]).toBeCloseTo(13 / 12 - 1, 15);
  });

  it("treats a close below min_price_threshold as missing (flagged) and fills nothing before the first close", () => {
    const c = clean1([null, 0.5, 2, 0.9, 3], { maxForwardFillDays: 0 });
    expect(c.price[0]).toBeNaN();
    expect(c.price[1]).toBeNaN();
    expect(c.price[3]).toBeNaN();
    expect(c.flags[1] & 1).toBe(1);
    expect(c.flags[3] & 1).toBe(1);
    expect(c.ret[4]).toBeNaN(); // no fill with F = 0, so r(4) has no previous price
    const f = clean1([2, 0.9, 3], { maxForwardFillDays: 1 });
    expect(f.price).toEqual([2, 2, 3]);
    expect(f.ret[2]).toBeCloseTo(0.5, 15);
  });
});

describe("clipping and outliers (§2.4–2.5)", () => {
  it("flags and clips a return outside the bounds; the raw return is kept", () => {
    const c = clean1([10, 20, 8]);
    expect(c.ret[1]).toBeCloseTo(1, 15);
    expect(c.clipped[1]).toBe(0.5);
    expect(c.clipped[2]).toBe(-0.5);
    expect(c.flags[1] & FLAG_CLIPPED).toBe(FLAG_CLIPPED);
  });

  it("flags an outlier against the V returns before t (t excluded) and winsorises it to μ + kσ", () => {
    const closes = [100, 101, 99.99, 100.9899, 99.979, 105];
    const c = clean1(closes);
    const win = c.clipped.slice(1, 5); // r(1)…r(4): the 4 returns before t = 5
    const mu = mean(win);
    const s = sd(win);
    expect(Math.abs(c.clipped[5] - mu)).toBeGreaterThan(2 * s);
    expect(c.flags[5] & FLAG_OUTLIER).toBe(FLAG_OUTLIER);
    expect(c.signal[5]).toBeCloseTo(mu + 2 * s, 14);
    expect(c.ret[5]).toBeCloseTo(105 / 99.979 - 1, 14); // the level still earns the real move
    for (let d = 1; d < 5; d++) expect(c.flags[d] & FLAG_OUTLIER).toBe(0);
  });

  it("needs ⌈V/2⌉ returns in the window and σ > 0: a constant window (stale zeros) flags nothing", () => {
    // V = 5 → 3 returns needed; only 2 exist before t = 3
    expect(clean1([100, 101, 100, 200], { volatilityLookbackDays: 5 }).flags[3] & FLAG_OUTLIER).toBe(0);
    // window r(1..4) all exactly 0 → σ = 0 → not an outlier
    const flat = clean1([10, 10, 10, 10, 10, 11]);
    expect(flat.flags[5] & FLAG_OUTLIER).toBe(0);
    expect(flat.signal[5]).toBeCloseTo(0.1, 15);
  });

  it("a clipped return can also be an outlier: clipped first, then winsorised", () => {
    const c = clean1([100, 101, 99.99, 100.9899, 99.979, 250]);
    expect(c.flags[5]).toBe(FLAG_CLIPPED | FLAG_OUTLIER);
    const win = c.clipped.slice(1, 5);
    expect(c.clipped[5]).toBe(0.5);
    expect(c.signal[5]).toBeCloseTo(mean(win) + 2 * sd(win), 14);
  });

  it("matches an exact window computation on a long noisy series (rolling sums are certified)", () => {
    const closes: number[] = [100];
    let s = 7;
    for (let i = 1; i < 400; i++) {
      s = (s * 48271) % 2147483647;
      const r = (s / 2147483647 - 0.5) * 0.06 + (i % 97 === 0 ? 0.3 : 0);
      closes.push(closes[i - 1] * (1 + r));
    }
    const V = 10;
    const c = clean1(closes, { volatilityLookbackDays: V, outlierStdThreshold: 2 });
    let flagged = 0;
    for (let t = V + 1; t < closes.length; t++) {
      const w = c.clipped.slice(t - V, t);
      const out = Math.abs(c.clipped[t] - mean(w)) > 2 * sd(w);
      expect(c.flags[t] & FLAG_OUTLIER ? 1 : 0).toBe(out ? 1 : 0);
      if (out) flagged++;
    }
    expect(flagged).toBeGreaterThan(5);
  });
});

describe("flags are reported for every asset", () => {
  it("lists flags for the benchmark and non-investables, by date range", () => {
    const assets = [
      { id: 1, symbol: "A", investable: true },
      { id: 2, symbol: "N", investable: false },
      { id: 3, symbol: "SPY", investable: true },
    ];
    const dates = ["2024-01-02", "2024-01-03", "2024-01-04"];
    const prices = [
      ...dates.map((date) => ({ assetId: 1, date, close: 10 })),
      { assetId: 2, date: dates[0], close: 5 },
      { assetId: 2, date: dates[1], close: 0.5 },
      { assetId: 3, date: dates[0], close: 100 },
      { assetId: 3, date: dates[2], close: 300 },
    ];
    const res = runEngine({ assets, prices, marketCaps: [], config: defaultEngineConfig() });
    expect(listFlags(res)).toEqual([
      {
        assetId: 2,
        date: "2024-01-03",
        belowMinPrice: true,
        stale: true,
        clipped: false,
        outlier: false,
        flags: 3,
        ret: 0,
      },
      {
        assetId: 3,
        date: "2024-01-03",
        belowMinPrice: false,
        stale: true,
        clipped: false,
        outlier: false,
        flags: 2,
        ret: 0,
      },
      {
        assetId: 2,
        date: "2024-01-04",
        belowMinPrice: false,
        stale: true,
        clipped: false,
        outlier: false,
        flags: 2,
        ret: 0,
      },
      {
        assetId: 3,
        date: "2024-01-04",
        belowMinPrice: false,
        stale: false,
        clipped: true,
        outlier: false,
        flags: 4,
        ret: 2,
      },
    ]);
    expect(listFlags(res, { from: "2024-01-04", assetIds: [3] })).toHaveLength(1);
  });
});
