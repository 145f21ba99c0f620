import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { rangeKeyId, type RangeKey } from "../graphql/date-range.js";
import type { MarketCapData } from "./market-cap.type.js";
import { findMarketCapsForRanges } from "./market-cap.repo.js";

export function createMarketCapLoaders(db: Kysely<Database>) {
  return {
    marketCapsByRange: new DataLoader<RangeKey, MarketCapData[], string>((keys) => findMarketCapsForRanges(db, keys), {
      cacheKeyFn: rangeKeyId,
    }),
  };
}
