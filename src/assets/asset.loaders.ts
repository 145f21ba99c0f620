import DataLoader from "dataloader";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { Asset } from "./asset.type.js";
import { findAssetsByIds, findAssetsBySymbols } from "./asset.repo.js";

/** Results in key order, null for a miss (the DataLoader contract). */
export function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (v: V) => K): (V | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

export function createAssetLoaders(db: Kysely<Database>) {
  const assetById = new DataLoader<number, Asset | null>(async (ids) =>
    byKey(ids, await findAssetsByIds(db, ids), (a) => a.id),
  );
  const assetBySymbol = new DataLoader<string, Asset | null>(async (symbols) =>
    byKey(symbols, await findAssetsBySymbols(db, symbols), (a) => a.symbol),
  );
  return { assetById, assetBySymbol };
}
