import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { DatedColumns } from "../db/packed-series.js";
import type { Database } from "../db/schema.js";
import type { DateRange } from "../graphql/date-range.js";
import { RequestKey } from "../request-cache.js";
import type { IndexSeries } from "../risk/index-series.js";
import { getIndexConfig, getStrategyConfig, type IndexConfig } from "../strategy/strategy.repo.js";
import type { StrategyConfig } from "../strategy/strategy-config.type.js";
import { findIndexSeries } from "./index-series.repo.js";
import { findIndexValueSeries } from "./index-value.repo.js";

// What every analytics query reads, memoised per request (`ctx.cache.get(key)`, see
// src/request-cache.ts): several analytics fields in one request share one read of each.

/** The stored index series (levels, returns, benchmark). */
export const INDEX_SERIES = new RequestKey<IndexSeries>("index series", findIndexSeries);
/** The strategy configuration in force. */
export const STRATEGY_CONFIG = new RequestKey<StrategyConfig>("strategy configuration", getStrategyConfig);
/** The configuration the stored index was computed with (what figures derived from it use, DOMAIN §6). */
export const INDEX_CONFIG = new RequestKey<IndexConfig>("index configuration", getIndexConfig);

/** Batching loaders of index reads. */
export function createIndexReadLoaders(db: Kysely<Database>) {
  return {
    /** Index levels by date range; `indexValues` and `indexSeries` (aliases too) share one statement. */
    indexValuesByRange: new DataLoader<DateRange, DatedColumns, string>((ranges) => findIndexValueSeries(db, ranges), {
      cacheKeyFn: (r) => `${r.from ?? ""}|${r.to ?? ""}`,
    }),
  };
}
