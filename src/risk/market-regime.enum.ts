import { registerEnumType } from "type-graphql";
import type { MarketRegime as MarketRegimeName } from "../analytics/metrics/types.js";

/**
 * The regime of RiskMetrics.aiMarketRegime (docs/metrics.md, ai_* heuristics); values are what
 * risk_metrics.ai_market_regime stores. RiskMetrics belongs to the strategy/metric registry of
 * issue 11 item 4, which types that field with this enum.
 */
export const MarketRegime = {
  HIGH_VOLATILITY: "HIGH_VOLATILITY",
  BULL: "BULL",
  BEAR: "BEAR",
  SIDEWAYS: "SIDEWAYS",
} as const satisfies { [K in MarketRegimeName]: K };
export type MarketRegime = (typeof MarketRegime)[keyof typeof MarketRegime];

const WINDOW = "over the trailing 63 trading dates";

registerEnumType(MarketRegime, {
  name: "MarketRegime",
  description: `The index's regime ${WINDOW} (a deterministic heuristic, docs/metrics.md).`,
  valuesConfig: {
    HIGH_VOLATILITY: { description: `Annualised volatility > 0.30 ${WINDOW} (checked first).` },
    BULL: { description: `Total return > +0.05 ${WINDOW}, volatility not above 0.30.` },
    BEAR: { description: `Total return < −0.05 ${WINDOW}, volatility not above 0.30.` },
    SIDEWAYS: { description: `Total return within ±0.05 ${WINDOW} (also at inception).` },
  },
});
