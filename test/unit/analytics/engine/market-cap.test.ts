// DOMAIN §1 market-cap point-in-time lookup and §4 market-cap sleeve through the engine.
import { describe, expect, it } from "vitest";
import { defaultEngineConfig } from "../../../../src/index/engine-config.js";
import { dateKey } from "../../../../src/analytics/engine/dates.js";
import { runEngine } from "../../../../src/analytics/engine/engine.js";
import { createCapCursor, floatAdjustedCap } from "../../../../src/analytics/engine/market-cap.js";
import type { EngineMarketCap } from "../../../../src/analytics/engine/types.js";

const rec = (
  assetId: number,
  date: string,
  seq: number,
  marketCap: number | null,
  sharesOutstanding: number | null = null,
  freeFloat: number | null = null,
): EngineMarketCap => ({ assetId, date, seq, marketCap, sharesOutstanding, freeFloat });

describe("float-adjusted cap", () => {
  it("shares × free_float × P when shares are present, else market_cap × free_float (null = 1)", () => {
    expect(floatAdjustedCap(rec(1, "2024-01-01", 1, 999, 10, 0.5), 4)).toBe(20);
    expect(floatAdjustedCap(rec(1, "2024-01-01", 1, 100, null, 0.5), 4)).toBe(50);
    expect(floatAdjustedCap(rec(1, "2024-01-01", 1, 100), 4)).toBe(100);
    expect(floatAdjustedCap(rec(1, "2024-01-01", 1, null), 4)).toBeNull();
    expect(floatAdjustedCap(rec(1, "2024-01-01", 1, 100, 0), 4)).toBeNull(); // shares present but 0: no cap
    expect(floatAdjustedCap(rec(1, "2024-01-01", 1, -5), 4)).toBeNull();
  });
});

describe("point-in-time lookup", () => {
  it("uses the latest record dated ≤ t; ties on date go to the highest seq; a null latest record means no cap", () => {
    const cursor = createCapCursor(
      [
        rec(1, "2024-01-05", 7, 300),
        rec(1, "2024-01-05", 3, 200),
        rec(1, "2024-01-02", 1, 100),
        rec(1, "2024-01-09", 9, null),
      ],
      new Map([[1, 0]]),
      1,
    );
    expect(cursor.capAt(0, dateKey("2024-01-01"), 1)).toBeNull();
    expect(cursor.capAt(0, dateKey("2024-01-04"), 1)).toBe(100);
    expect(cursor.capAt(0, dateKey("2024-01-05"), 1)).toBe(300);
    expect(cursor.capAt(0, dateKey("2024-01-08"), 1)).toBe(300);
    expect(cursor.capAt(0, dateKey("2024-01-09"), 1)).toBeNull(); // no fallback to the older value
  });
});

describe("market-cap sleeve in the engine", () => {
  const dates = ["2024-01-01", "2024-01-02", "2024-01-03"];
  const assets = ["A", "B", "C"].map((symbol, i) => ({ id: i + 1, symbol, investable: true }));
  const prices = assets.flatMap((a) =>
    dates.map((date, d) => ({ assetId: a.id, date, close: [10, 20, 40][a.id - 1] + d })),
  );
  const config = {
    ...defaultEngineConfig(),
    momentumWeight: 0,
    marketCapWeight: 1,
    riskParityWeight: 0,
    momentumLookbackDays: 1,
    volatilityLookbackDays: 2,
    rebalanceFrequency: "daily" as const,
    benchmarkSymbol: null,
  };

  it("weights ∝ float-adjusted cap at t using P(t) and the record in force at t", () => {
    const marketCaps = [
      rec(1, "2023-12-01", 1, null, 10, 0.5),
      rec(2, "2024-01-02", 2, 22),
      rec(3, "2024-01-03", 3, 33),
    ];
    const res = runEngine({ assets, prices, marketCaps, config });
    // t = 01-02: A = 10·0.5·11 = 55, B = 22, C has no record yet (2 of 3 covered)
    expect(res.rebalances[0].date).toBe("2024-01-02");
    expect(res.rebalances[0].weights).toEqual([
      { assetId: 1, weight: 55 / 77 },
      { assetId: 2, weight: 22 / 77 },
    ]);
    // t = 01-03: A = 10·0.5·12 = 60, B = 22, C = 33 (a record dated t is used at t)
    expect(res.rebalances[1].weights.map((w) => w.weight)).toEqual([60 / 115, 22 / 115, 33 / 115]);
    expect(res.events.some((e) => e.type === "MARKET_CAP_EQUAL_WEIGHT")).toBe(false);
  });

  it("fewer than half of E(t) with a cap → equal weight, reported for that date", () => {
    const res = runEngine({ assets, prices, marketCaps: [rec(1, "2023-12-01", 1, 100)], config });
    expect(res.rebalances[0].weights.map((w) => w.weight)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    // (only sleeves with a positive blend weight are computed, so only this one reports)
    expect(res.rebalances[0].fallbacks).toEqual(["MARKET_CAP_EQUAL_WEIGHT"]);
    expect(res.events.filter((e) => e.type === "MARKET_CAP_EQUAL_WEIGHT").map((e) => e.date)).toEqual([
      "2024-01-02",
      "2024-01-03",
    ]);
  });
});
