import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { IndexSeries } from "../risk/index-series.js";
import { getIndexConfig, getStrategyConfig, type IndexConfig } from "../strategy/strategy.repo.js";
import type { StrategyConfig } from "../strategy/strategy-config.type.js";
import { findIndexSeries } from "./index-series.repo.js";

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
