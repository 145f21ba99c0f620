import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { rangeKeyId, type RangeKey } from "../graphql/date-range.js";
import type { DatedColumns } from "../db/packed-series.js";
import type { Price } from "./price.type.js";
import { findLatestPrices, findPriceSeriesForRanges } from "./price.repo.js";

export function createPriceLoaders(db: Kysely<Database>) {
  return {
    /** Closes by (asset, range); `prices` and `priceSeries` of one asset and range share one read. */
    priceSeriesByRange: new DataLoader<RangeKey, DatedColumns, string>((keys) => findPriceSeriesForRanges(db, keys), {
      cacheKeyFn: rangeKeyId,
    }),
    latestPrice: new DataLoader<number, Price | null>((ids) => findLatestPrices(db, ids)),
  };
}
