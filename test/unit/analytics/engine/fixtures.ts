// Small hand-made universes for the engine's unit tests.
import { defaultEngineConfig } from "../../../../src/index/engine-config.js";
import type { EngineConfig, EngineInput } from "../../../../src/analytics/engine/types.js";

/**
 * One column of closes per symbol (null = no row that date); asset ids 1, 2, … in key order.
 * Momentum-only, L = 1, V = 2, daily, no minimum price, outliers effectively off, no benchmark,
 * unless `cfg` says otherwise.
 */
export function build(
  cols: Record<string, (number | null)[]>,
  dates: string[],
  cfg: Partial<EngineConfig> = {},
  investable: Record<string, boolean> = {},
): EngineInput {
  const assets = Object.keys(cols).map((symbol, i) => ({ id: i + 1, symbol, investable: investable[symbol] ?? true }));
  const prices = assets.flatMap((a) =>
    cols[a.symbol].flatMap((close, d) => (close === null ? [] : [{ assetId: a.id, date: dates[d], close }])),
  );
  const config: EngineConfig = {
    ...defaultEngineConfig(),
    momentumWeight: 1,
    marketCapWeight: 0,
    riskParityWeight: 0,
    momentumLookbackDays: 1,
    volatilityLookbackDays: 2,
    rebalanceFrequency: "daily",
    minPriceThreshold: 0,
    outlierStdThreshold: 100,
    benchmarkSymbol: null,
    ...cfg,
  };
  return { assets, prices, marketCaps: [], config };
}
