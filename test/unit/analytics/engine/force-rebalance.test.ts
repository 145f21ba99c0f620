// DOMAIN §3 force_rebalance: added on the latest trading date, recorded, reproduced later.
import { describe, expect, it } from "vitest";
import { defaultEngineConfig } from "../../../../src/index/engine-config.js";
import { runEngine } from "../../../../src/analytics/engine/engine.js";
import type { EngineConfig, EngineInput } from "../../../../src/analytics/engine/types.js";

const DATES = [
  "2024-01-01",
  "2024-01-02",
  "2024-01-03",
  "2024-01-04",
  "2024-01-05",
  "2024-01-08",
  "2024-01-09",
  "2024-01-10",
];
const A = [100, 101, 103, 102, 105, 104, 108, 109];
const B = [100, 102, 101, 104, 103, 107, 106, 105];
function input(n: number, cfg: Partial<EngineConfig>): EngineInput {
  const assets = [
    { id: 1, symbol: "A", investable: true },
    { id: 2, symbol: "B", investable: true },
  ];
  const prices = DATES.slice(0, n).flatMap((date, d) => [
    { assetId: 1, date, close: A[d] },
    { assetId: 2, date, close: B[d] },
  ]);
  const config: EngineConfig = {
    ...defaultEngineConfig(),
    momentumWeight: 0.5,
    marketCapWeight: 0,
    riskParityWeight: 0.5,
    momentumLookbackDays: 1,
    volatilityLookbackDays: 2,
    minPriceThreshold: 0,
    benchmarkSymbol: null,
    rebalanceFrequency: "weekly",
    transactionCostBps: 10,
    ...cfg,
  };
  return { assets, prices, marketCaps: [], config };
}

describe("force_rebalance", () => {
  it("adds a rebalance on the latest trading date, records it and sets last_rebalance", () => {
    const plain = runEngine(input(4, {}));
    expect(plain.rebalances.map((r) => r.date)).toEqual(["2024-01-02"]);
    expect(plain.lastRebalance).toBe("2024-01-02");
    const forced = runEngine(input(4, { forceRebalance: true }));
    expect(forced.rebalances.map((r) => [r.date, r.forced])).toEqual([
      ["2024-01-02", false],
      ["2024-01-04", true],
    ]);
    expect(forced.forcedRebalanceDates).toEqual(["2024-01-04"]);
    expect(forced.lastRebalance).toBe("2024-01-04");
    expect(forced.events.filter((e) => e.type === "FORCED_REBALANCE").map((e) => e.date)).toEqual(["2024-01-04"]);
    // the level for the forced date is before its costs, so it equals the unforced one
    expect(forced.levels).toEqual(plain.levels);
  });

  it("a later recompute with more dates reproduces the recorded forced rebalance exactly", () => {
    const first = runEngine(input(4, { forceRebalance: true }));
    const later = runEngine(input(8, { forcedRebalanceDates: first.forcedRebalanceDates }));
    expect(later.rebalances.slice(0, 2)).toEqual(first.rebalances);
    expect(later.levels.slice(0, first.levels.length)).toEqual(first.levels);
    expect(later.rebalances.map((r) => r.date)).toEqual(["2024-01-02", "2024-01-04", "2024-01-08"]);
    expect(later.forcedRebalanceDates).toEqual(["2024-01-04"]);
    // without the record the history would differ from 01-05 on (costs and weights of 01-04)
    const unrecorded = runEngine(input(8, {}));
    expect(unrecorded.levels[3].value).not.toBe(later.levels[3].value);
  });

  it("reports a forced date that is no longer a trading date, or has an empty eligible set, as skipped", () => {
    const res = runEngine(input(8, { forcedRebalanceDates: ["2024-01-06", "2024-01-01"] }));
    expect(res.skippedRebalances).toEqual([
      { date: "2024-01-01", forced: true, reason: "EMPTY_ELIGIBLE_SET" },
      { date: "2024-01-06", forced: true, reason: "NOT_A_TRADING_DATE" },
    ]);
    expect(res.events.filter((e) => e.type === "FORCED_REBALANCE_SKIPPED").map((e) => [e.date, e.detail])).toEqual([
      ["2024-01-01", "EMPTY_ELIGIBLE_SET"],
      ["2024-01-06", "NOT_A_TRADING_DATE"],
    ]);
    expect(res.rebalances.some((r) => r.forced)).toBe(false);
  });

  it("a forced date on a scheduled date is one rebalance, marked forced", () => {
    const res = runEngine(input(8, { forcedRebalanceDates: ["2024-01-08"] }));
    expect(res.rebalances.filter((r) => r.date === "2024-01-08")).toHaveLength(1);
    expect(res.rebalances.find((r) => r.date === "2024-01-08")!.forced).toBe(true);
  });
});
