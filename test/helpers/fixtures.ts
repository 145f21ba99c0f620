import type { Kysely } from "kysely";
import { upsertAssets, type AssetInput } from "../../src/assets/asset.repo.js";
import type { Database } from "../../src/db/schema.js";
import { upsertPriceRows } from "../../src/prices/price.repo.js";
import { upsertMarketCapRows } from "../../src/market-caps/market-cap.repo.js";
import { addDays } from "../../src/shared/dates.js";

/** Creates `n` assets (SYM000, SYM001, ...) with `days` consecutive daily prices and a market-cap record each. */
export async function seedUniverse(
  db: Kysely<Database>,
  n: number,
  days: number,
  start = "2024-01-01",
  extra: Partial<AssetInput> = {},
) {
  const assets = await upsertAssets(
    db,
    Array.from({ length: n }, (_, i) => ({
      symbol: `SYM${String(i).padStart(3, "0")}`,
      name: `Company ${i}`,
      sector: i % 2 ? "Energy" : "Utilities",
      ...extra,
    })),
  );
  const prices = assets.flatMap((a, i) =>
    Array.from({ length: days }, (_, d) => ({ assetId: a.id, date: addDays(start, d), close: 10 + i + d / 10 })),
  );
  for (let i = 0; i < prices.length; i += 5000) await upsertPriceRows(db, prices.slice(i, i + 5000));
  await upsertMarketCapRows(
    db,
    assets.map((a) => ({
      assetId: a.id,
      date: start,
      marketCap: 1e9,
      sharesOutstanding: 1e8,
      freeFloat: 0.9,
      averageVolume: 1e6,
    })),
  );
  return assets;
}
