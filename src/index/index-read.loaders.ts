import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { DatedColumns } from "../db/packed-series.js";
import type { Database } from "../db/schema.js";
import type { DateRange } from "../graphql/date-range.js";
import type { IndexSeries } from "../risk/index-series.js";
import { getIndexConfig, getStrategyConfig, type IndexConfig } from "../strategy/strategy.repo.js";
import type { StrategyConfig } from "../strategy/strategy-config.type.js";
import { findIndexSeries } from "./index-series.repo.js";
import { findIndexValueSeries } from "./index-value.repo.js";

/**
 * Per-request memos of what every analytics query reads: the index series, the strategy
 * configuration in force, and the configuration the stored index was computed with (what
 * every figure derived from the stored index uses, DOMAIN §6). Several analytics fields in
 * one request share one read of each.
 */
export function createIndexReadLoaders(db: Kysely<Database>) {
  return {
    indexSeries: new DataLoader<"index", IndexSeries>(async (keys) => {
      const series = await findIndexSeries(db);
      return keys.map(() => series);
    }),
    /** Index levels by date range; `indexValues` and `indexSeries` (aliases too) share one statement. */
    indexValuesByRange: new DataLoader<DateRange, DatedColumns, string>((ranges) => findIndexValueSeries(db, ranges), {
      cacheKeyFn: (r) => `${r.from ?? ""}|${r.to ?? ""}`,
    }),
    strategyConfig: new DataLoader<"config", StrategyConfig>(async (keys) => {
      const config = await getStrategyConfig(db);
      return keys.map(() => config);
    }),
    indexConfig: new DataLoader<"index", IndexConfig>(async (keys) => {
      const config = await getIndexConfig(db);
      return keys.map(() => config);
    }),
  };
}
