import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { rangeKeyId, type RangeKey } from "../graphql/date-range.js";
import type { Price } from "./price.type.js";
import { findLatestPrices, findPricesForRanges } from "./price.repo.js";

export function createPriceLoaders(db: Kysely<Database>) {
  return {
    pricesByRange: new DataLoader<RangeKey, Price[], string>((keys) => findPricesForRanges(db, keys), { cacheKeyFn: rangeKeyId }),
    latestPrice: new DataLoader<number, Price | null>((ids) => findLatestPrices(db, ids)),
  };
}
