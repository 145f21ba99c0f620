import { describe, expect, it } from "vitest";
import { marketRegime } from "../../../src/analytics/metrics/ai.js";
import { MarketRegime } from "../../../src/risk/market-regime.enum.js";

// The enum RiskMetrics.aiMarketRegime is to be typed with (by the strategy/metric registry).
describe("MarketRegime", () => {
  it("has exactly the values the regime heuristic produces", () => {
    const produced = new Set<string>();
    for (const vol of [null, 0.1, 0.3, 0.31, 0.9])
      for (const total of [null, -0.2, -0.05, 0, 0.05, 0.2]) {
        const regime = marketRegime(vol, total);
        if (regime !== null) produced.add(regime);
      }
    expect([...produced].sort()).toEqual(Object.values(MarketRegime).sort());
    expect(Object.keys(MarketRegime)).toEqual(Object.values(MarketRegime)); // names are the stored values
  });
});
