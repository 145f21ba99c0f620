import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { Allocation } from "./allocation.type.js";
import { rangeKeyId, type RangeKey } from "../graphql/date-range.js";
import { findAllocationsForAssetRanges, findAllocationsForDates } from "./allocation.repo.js";

export function createAllocationLoaders(db: Kysely<Database>) {
  return {
    /** Target weights of a rebalance date (empty for any other date); all dates of a request in one statement. */
    allocationsByDate: new DataLoader<string, Allocation[]>((dates) => findAllocationsForDates(db, dates)),
    /** An asset's target weights over a date range (its weight history); all keys of a request in one statement. */
    allocationsByAssetRange: new DataLoader<RangeKey, Allocation[], string>(
      (keys) => findAllocationsForAssetRanges(db, keys),
      { cacheKeyFn: rangeKeyId },
    ),
  };
}
