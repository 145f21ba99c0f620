// Property tests over seeded random universes: weight invariants and point-in-time history.
import { describe, expect, it } from "vitest";
import { holdingsOn, listFlags } from "../../../../src/analytics/engine/accessors.js";
import { defaultEngineConfig } from "../../../../src/index/engine-config.js";
import { runEngine } from "../../../../src/analytics/engine/engine.js";
import type {
  EngineInput,
  EngineMarketCap,
  EnginePrice,
  EngineResult,
  Frequency,
} from "../../../../src/analytics/engine/types.js";
import { mulberry32 as prng } from "../../../../src/shared/prng.js";

const FREQS: Frequency[] = ["daily", "weekly", "monthly", "quarterly"];

function randomInput(seed: number): EngineInput {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const nAssets = int(2, 6);
  const nDates = int(10, 45);
  const dates: string[] = [];
  for (let t = Date.UTC(2024, 0, int(1, 20)); dates.length < nDates; t += 86_400_000 * int(1, 12))
    dates.push(new Date(t).toISOString().slice(0, 10));
  const assets = Array.from({ length: nAssets }, (_, i) => ({ id: 10 + i, symbol: `S${i}`, investable: rnd() > 0.1 }));
  assets.push({ id: 99, symbol: "SPY", investable: true });
  const prices: EnginePrice[] = [];
  for (const a of assets) {
    let p = 0.5 + rnd() * 50;
    const from = rnd() < 0.3 ? int(0, nDates - 1) : 0;
    const to = rnd() < 0.3 ? int(from, nDates - 1) : nDates - 1;
    for (let d = from; d <= to; d++) {
      const jump = rnd() < 0.05 ? (rnd() - 0.5) * 1.6 : 0;
      p = Math.max(1e-3, p * (1 + (rnd() - 0.5) * 0.08 + jump));
      if (rnd() < 0.15) continue;
      prices.push({ assetId: a.id, date: dates[d], close: p });
    }
  }
  if (rnd() < 0.5) prices.push({ assetId: 10, date: "2024-01-01", close: 3 }); // a possible stray print
  const marketCaps: EngineMarketCap[] = [];
  for (let k = 0; k < int(0, 8); k++) {
    marketCaps.push({
      assetId: 10 + int(0, nAssets - 1),
      date: dates[int(0, nDates - 1)],
      seq: k,
      marketCap: rnd() < 0.2 ? null : rnd() * 1e6,
      sharesOutstanding: rnd() < 0.5 ? null : rnd() * 1e4,
      freeFloat: rnd() < 0.5 ? null : 0.1 + 0.9 * rnd(),
    });
  }
  const raw = [rnd(), rnd() < 0.3 ? 0 : rnd(), rnd()];
  const sum = raw.reduce((s, x) => s + x, 0);
  const config = {
    ...defaultEngineConfig(),
    momentumWeight: raw[0] / sum,
    marketCapWeight: raw[1] / sum,
    riskParityWeight: raw[2] / sum,
    rebalanceFrequency: FREQS[int(0, 3)],
    maxForwardFillDays: int(0, 3),
    outlierStdThreshold: 0.5 + rnd() * 3,
    momentumLookbackDays: int(1, 4),
    volatilityLookbackDays: int(2, 6),
    minPriceThreshold: rnd() < 0.5 ? 0 : 1,
    maxAssetWeight: rnd() < 0.4 ? null : 0.15 + rnd() * 0.6,
    transactionCostBps: int(0, 50),
    forcedRebalanceDates: rnd() < 0.3 ? [dates[int(0, nDates - 1)]] : [],
  };
  return { assets, prices, marketCaps, config };
}

/** Everything the result says about dates ≤ t. */
function historyUpTo(r: EngineResult, t: string) {
  const on = <T extends { date: string }>(xs: T[]) => xs.filter((x) => x.date <= t);
  return {
    levels: on(r.levels),
    bench: r.benchmarkCloses.slice(0, on(r.levels).length),
    rebalances: on(r.rebalances),
    skipped: on(r.skippedRebalances),
    events: on(r.events),
    alerts: on(r.alerts),
    periods: on(r.holdingPeriods),
    flags: listFlags(r, { to: t }),
    inception: r.inceptionDate !== null && r.inceptionDate <= t ? r.inceptionDate : null,
    calendar: r.calendar.filter((d) => d <= t),
    holdings: holdingsOn(r, t),
  };
}

describe("properties on random universes", () => {
  it("every rebalance's weights are > 0, sum to 1 (1e-9) and respect a feasible cap; levels stay finite", () => {
    let rebalances = 0;
    const seen = new Set<string>();
    for (let seed = 1; seed <= 300; seed++) {
      const input = randomInput(seed);
      const res = runEngine(input);
      for (const e of res.events) seen.add(e.type);
      for (const f of listFlags(res))
        for (const k of ["belowMinPrice", "stale", "clipped", "outlier"] as const) if (f[k]) seen.add(k);
      const cap = input.config.maxAssetWeight;
      for (const r of res.rebalances) {
        rebalances++;
        const total = r.weights.reduce((s, w) => s + w.weight, 0);
        expect(Math.abs(total - 1), `seed ${seed} ${r.date}`).toBeLessThan(1e-9);
        for (const w of r.weights) expect(w.weight).toBeGreaterThan(0);
        if (cap !== null && !r.fallbacks.includes("CAP_INFEASIBLE")) {
          for (const w of r.weights) expect(w.weight, `seed ${seed}`).toBeLessThanOrEqual(cap + 1e-12);
        }
        expect(r.weights.length).toBeLessThanOrEqual(r.eligibleCount);
        expect(r.turnover).toBeGreaterThanOrEqual(0);
        expect(r.turnover).toBeLessThanOrEqual(2 + 1e-12);
      }
      for (const l of res.levels) expect(Number.isFinite(l.value) && l.value > 0).toBe(true);
      for (const l of res.levels) {
        const h = holdingsOn(res, l.date)!;
        expect(Math.abs(h.weights.reduce((s, w) => s + w.weight, h.cashWeight) - 1)).toBeLessThan(1e-9);
      }
    }
    expect(rebalances).toBeGreaterThan(500); // the generator really exercises rebalances…
    expect([...seen].sort()).toEqual([
      // …and every rule
      "CAP_INFEASIBLE",
      "DATE_DROPPED",
      "FORCED_REBALANCE",
      "FORCED_REBALANCE_SKIPPED",
      "FORCED_SALE",
      "INCEPTION",
      "MARKET_CAP_EQUAL_WEIGHT",
      "MOMENTUM_EQUAL_WEIGHT",
      "REBALANCE_SKIPPED",
      "RISK_PARITY_EQUAL_WEIGHT",
      "belowMinPrice",
      "clipped",
      "outlier",
      "stale",
    ]);
  });

  it("perturbing or deleting any price dated after t changes no level, weight, flag or event dated ≤ t", () => {
    let laterChanged = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const input = randomInput(seed);
      const base = runEngine(input);
      if (base.calendar.length < 3) continue;
      const rnd = prng(seed * 7919);
      const t = base.calendar[Math.floor(rnd() * (base.calendar.length - 1))];
      const prices = input.prices
        .filter((p) => p.date <= t || rnd() > 0.2)
        .map((p) => (p.date > t ? { ...p, close: p.close * (0.3 + 1.4 * rnd()) } : p));
      const changed = runEngine({ ...input, prices });
      expect(historyUpTo(changed, t), `seed ${seed} t ${t}`).toEqual(historyUpTo(base, t));
      if (JSON.stringify(changed.levels) !== JSON.stringify(base.levels)) laterChanged++;
    }
    expect(laterChanged).toBeGreaterThan(100); // the perturbation does reach the later history
  });
});
