import type { Kysely } from "kysely";
import { createAllocationLoaders } from "./allocations/allocation.loaders.js";
import { createAssetLoaders } from "./assets/asset.loaders.js";
import { createUserLoaders } from "./auth/user.loaders.js";
import type { Database } from "./db/schema.js";
import { createIndexReadLoaders } from "./index/index-read.loaders.js";
import { createMarketCapLoaders } from "./market-caps/market-cap.loaders.js";
import { createPriceLoaders } from "./prices/price.loaders.js";

/** Every DataLoader of a request. Create one set per request: caches must not leak between callers. */
export function createLoaders(db: Kysely<Database>) {
  return {
    ...createAssetLoaders(db),
    ...createPriceLoaders(db),
    ...createMarketCapLoaders(db),
    ...createAllocationLoaders(db),
    ...createIndexReadLoaders(db),
    ...createUserLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
