import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/schema.js";
import { conflict, notFound, sqlState } from "../errors.js";
import { recomputeIndex } from "../index/recompute.service.js";
import { getStrategyConfigForUpdate } from "../strategy/strategy.repo.js";
import type { Asset } from "./asset.type.js";
import {
  countAssetReferences,
  deleteAssetCascade,
  insertAsset,
  updateAssetById,
  type AssetChanges,
  type AssetReferences,
} from "./asset.repo.js";

/** Unique violations (the symbol) become CONFLICT; anything else propagates. */
async function uniqueSymbol<T>(symbol: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (sqlState(err) === "23505") throw conflict(`an asset with symbol ${symbol} already exists`, { field: "symbol" });
    throw err;
  }
}

export function createAsset(db: Kysely<Database>, a: AssetChanges & { symbol: string }): Promise<Asset> {
  return uniqueSymbol(a.symbol, () => insertAsset(db, a));
}

export async function updateAsset(db: Kysely<Database>, id: number, changes: AssetChanges): Promise<Asset> {
  const asset = await uniqueSymbol(changes.symbol, () => updateAssetById(db, id, changes));
  if (!asset) throw notFound("asset");
  return asset;
}

/**
 * Deletes an asset. Without `force` an asset that prices or allocations reference is refused
 * with CONFLICT saying how many; with `force` its prices, allocations and market caps go too,
 * and the index, which was computed from them, is recomputed in the same transaction (so no
 * holdings, flags or events are left pointing at the asset).
 */
export async function deleteAsset(trx: Transaction<Database>, id: number, force: boolean): Promise<AssetReferences> {
  // The recompute lock first, as every writer of index rows takes it: a recompute running now
  // finishes before this deletes the asset's rows (and cascades to its events), instead of the
  // two waiting on each other's row locks.
  await getStrategyConfigForUpdate(trx);
  const refs = await countAssetReferences(trx, id);
  if (!force && (refs.prices > 0 || refs.allocations > 0))
    throw conflict(
      `asset ${id} is referenced by ${refs.prices} price(s) and ${refs.allocations} allocation(s); delete with ` +
        `force: true to remove them too`,
      { prices: refs.prices, allocations: refs.allocations },
    );
  let deleted: boolean;
  try {
    deleted = await deleteAssetCascade(trx, id);
  } catch (err) {
    // A price written between the count and the delete (ON DELETE RESTRICT): 23503 up to
    // PostgreSQL 17, restrict_violation 23001 from 18 on (PGlite).
    if (["23503", "23001"].includes(sqlState(err) ?? ""))
      throw conflict(`asset ${id} gained references while being deleted; retry`);
    throw err;
  }
  if (!deleted) throw notFound("asset");
  if (refs.prices > 0 || refs.allocations > 0) await recomputeIndex(trx);
  return refs;
}
