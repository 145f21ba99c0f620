import { registerEnumType } from "type-graphql";
import type { DroppedDate, EngineEventType, FallbackType, SkipReason } from "../analytics/engine/types.js";

/**
 * The closed set of reported event types (docs/methodology.md, "Reported events"): the engine's
 * types plus the stored DROP_ALERT. Keys are the GraphQL names, values what index_events.type
 * stores (the same spelling). The `satisfies` clause fails to compile when the engine adds a type.
 */
export const IndexEventType = {
  DATE_DROPPED: "DATE_DROPPED",
  INCEPTION: "INCEPTION",
  MOMENTUM_EQUAL_WEIGHT: "MOMENTUM_EQUAL_WEIGHT",
  MARKET_CAP_EQUAL_WEIGHT: "MARKET_CAP_EQUAL_WEIGHT",
  RISK_PARITY_EQUAL_WEIGHT: "RISK_PARITY_EQUAL_WEIGHT",
  CAP_INFEASIBLE: "CAP_INFEASIBLE",
  REBALANCE_SKIPPED: "REBALANCE_SKIPPED",
  FORCED_REBALANCE: "FORCED_REBALANCE",
  FORCED_REBALANCE_SKIPPED: "FORCED_REBALANCE_SKIPPED",
  FORCED_SALE: "FORCED_SALE",
  DROP_ALERT: "DROP_ALERT",
} as const satisfies { [K in EngineEventType | "DROP_ALERT"]: K };
export type IndexEventType = (typeof IndexEventType)[keyof typeof IndexEventType];

/** The equal-weight fallbacks a rebalance can report (a subset of the event types). */
export const RebalanceFallback = {
  MOMENTUM_EQUAL_WEIGHT: "MOMENTUM_EQUAL_WEIGHT",
  MARKET_CAP_EQUAL_WEIGHT: "MARKET_CAP_EQUAL_WEIGHT",
  RISK_PARITY_EQUAL_WEIGHT: "RISK_PARITY_EQUAL_WEIGHT",
  CAP_INFEASIBLE: "CAP_INFEASIBLE",
} as const satisfies { [K in FallbackType]: K };
export type RebalanceFallback = (typeof RebalanceFallback)[keyof typeof RebalanceFallback];

/** Why an event happened, where its type alone does not say: the first part of its stored detail. */
export const IndexEventReason = {
  HALF_RULE: "HALF_RULE",
  NO_INVESTABLE_ROWS: "NO_INVESTABLE_ROWS",
  EMPTY_ELIGIBLE_SET: "EMPTY_ELIGIBLE_SET",
  NOT_A_TRADING_DATE: "NOT_A_TRADING_DATE",
  REDISTRIBUTED: "REDISTRIBUTED",
  CASH: "CASH",
} as const satisfies { [K in DroppedDate["reason"] | SkipReason | "REDISTRIBUTED" | "CASH"]: K };
export type IndexEventReason = (typeof IndexEventReason)[keyof typeof IndexEventReason];

const FALLBACK = "an equal-weight fallback: this sleeve's weights could not be computed for E(t)";

registerEnumType(IndexEventType, {
  name: "IndexEventType",
  description: "What a reported event of the computation is (DOMAIN §7; docs/methodology.md, Reported events).",
  valuesConfig: {
    DATE_DROPPED: {
      description:
        "A date with price rows that is not a trading date; reason HALF_RULE or NO_INVESTABLE_ROWS, " +
        "droppedRows its price rows.",
    },
    INCEPTION: { description: "The first rebalance: the index is 100 at this date's close." },
    MOMENTUM_EQUAL_WEIGHT: { description: `Momentum sleeve: ${FALLBACK}.` },
    MARKET_CAP_EQUAL_WEIGHT: { description: `Market-cap sleeve: ${FALLBACK}.` },
    RISK_PARITY_EQUAL_WEIGHT: { description: `Risk-parity sleeve: ${FALLBACK}.` },
    CAP_INFEASIBLE: {
      description: "maxAssetWeight × |E(t)| < 1: the capped blend was replaced by equal weight over E(t).",
    },
    REBALANCE_SKIPPED: {
      description:
        "A scheduled rebalance date (from inception on) with an empty eligible set; reason EMPTY_ELIGIBLE_SET.",
    },
    FORCED_REBALANCE: { description: "A recorded forced rebalance date that was rebalanced." },
    FORCED_REBALANCE_SKIPPED: {
      description: "A recorded forced rebalance date that was not; reason EMPTY_ELIGIBLE_SET or NOT_A_TRADING_DATE.",
    },
    FORCED_SALE: {
      description:
        "A held asset had no usable close: it was sold at its last close (assetId); reason REDISTRIBUTED or CASH.",
    },
    DROP_ALERT: {
      description: "The daily index return was at or below the drop threshold; value is that return (decimal).",
    },
  },
});

registerEnumType(RebalanceFallback, {
  name: "RebalanceFallback",
  description: "An equal-weight fallback applied at a rebalance (DOMAIN §7; the event type of the same name).",
  valuesConfig: {
    MOMENTUM_EQUAL_WEIGHT: { description: `Momentum sleeve: ${FALLBACK}.` },
    MARKET_CAP_EQUAL_WEIGHT: { description: `Market-cap sleeve: ${FALLBACK}.` },
    RISK_PARITY_EQUAL_WEIGHT: { description: `Risk-parity sleeve: ${FALLBACK}.` },
    CAP_INFEASIBLE: { description: "maxAssetWeight × |E(t)| < 1: the blend was replaced by equal weight over E(t)." },
  },
});

registerEnumType(IndexEventReason, {
  name: "IndexEventReason",
  description: "Why an event happened, for the event types whose type alone does not say (docs/methodology.md).",
  valuesConfig: {
    HALF_RULE: {
      description: "DATE_DROPPED: fewer than half as many universe rows as the previous trading date.",
    },
    NO_INVESTABLE_ROWS: { description: "DATE_DROPPED: rows only of assets outside the universe (or the benchmark)." },
    EMPTY_ELIGIBLE_SET: { description: "*_SKIPPED: no asset was eligible on that date (or it is before inception)." },
    NOT_A_TRADING_DATE: {
      description: "FORCED_REBALANCE_SKIPPED: the recorded date is not (or no longer) a trading date.",
    },
    REDISTRIBUTED: { description: "FORCED_SALE: the proceeds were spread over the remaining holdings." },
    CASH: { description: "FORCED_SALE: nothing else was held; the proceeds stay in cash (see Holdings.cashWeight)." },
  },
});

/** The typed parts of a stored event detail: "HALF_RULE:12" → { reason: HALF_RULE, droppedRows: 12 }. */
export function parseEventDetail(detail: string | null): {
  reason: IndexEventReason | null;
  droppedRows: number | null;
} {
  if (detail === null) return { reason: null, droppedRows: null };
  const [head, rows] = detail.split(":", 2);
  const reason = Object.hasOwn(IndexEventReason, head) ? (head as IndexEventReason) : null;
  const n = rows === undefined ? Number.NaN : Number(rows);
  return { reason, droppedRows: Number.isInteger(n) ? n : null };
}
