import { registerEnumType } from "type-graphql";
import { FLAG_BELOW_MIN_PRICE, FLAG_CLIPPED, FLAG_OUTLIER, FLAG_STALE } from "../analytics/engine/types.js";

/** The DOMAIN §2 data-quality flags. */
export const DataQualityFlagKind = {
  BELOW_MIN_PRICE: "BELOW_MIN_PRICE",
  STALE: "STALE",
  CLIPPED: "CLIPPED",
  OUTLIER: "OUTLIER",
} as const;
export type DataQualityFlagKind = (typeof DataQualityFlagKind)[keyof typeof DataQualityFlagKind];

/** The bit of each flag in data_quality_flags.flags (the engine's FLAG_* constants). */
export const FLAG_BITS: Readonly<Record<DataQualityFlagKind, number>> = {
  BELOW_MIN_PRICE: FLAG_BELOW_MIN_PRICE,
  STALE: FLAG_STALE,
  CLIPPED: FLAG_CLIPPED,
  OUTLIER: FLAG_OUTLIER,
};

/** The bit mask of any of `kinds`; null (no filter) when kinds is null. Example: [STALE, OUTLIER] → 10. */
export function flagMask(kinds: readonly DataQualityFlagKind[] | null | undefined): number | null {
  return kinds == null ? null : kinds.reduce((m, k) => m | FLAG_BITS[k], 0);
}

registerEnumType(DataQualityFlagKind, {
  name: "DataQualityFlagKind",
  description: "A data-quality flag the recompute sets on an (asset, trading date) (DOMAIN §2; docs/methodology.md).",
  valuesConfig: {
    BELOW_MIN_PRICE: { description: "The close is strictly below min_price_threshold and treated as missing." },
    STALE: { description: "No usable close: the last one is carried forward (at most max_forward_fill_days)." },
    CLIPPED: {
      description: "The return is outside [min_daily_return, max_daily_return] (clipped where it feeds a signal).",
    },
    OUTLIER: { description: "|r − μ| > k·σ over the volatility lookback (winsorised where it feeds a signal)." },
  },
});
